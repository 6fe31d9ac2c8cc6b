package org.sharercloud.api.workloads;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The coordinator-internal side of service scaling, used by the autoscaler (no caller check: not for
 * REST or the shell, which use {@link WorkloadService#scale}).
 */
@ProviderType
public interface ServiceScaler {
    /** Every active (not final) service workload with an autoscaling policy, with its live usage. */
    List<ServiceLoad> autoscaled();

    /**
     * Sets a service's replica count: scaling up adds PENDING replicas for the scheduler; scaling down
     * stops the highest-numbered replicas' attempts cleanly (CANCELLED, not retried). The count and the
     * reason are stored (see {@link Workload#autoscale()}).
     *
     * @throws org.sharercloud.api.ApiException 404 absent, 409 not a service or already final, 400 field
     *                                          {@code replicas} outside 1..100 or the policy's [min, max]
     */
    Workload scale(String workloadId, int replicas, String reason);
}
