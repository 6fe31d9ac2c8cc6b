package org.sharercloud.api.workloads;

import java.time.Instant;
import java.util.List;

/**
 * A submitted workload with its attempts.
 *
 * @param autoscale what the autoscaler last did, for an autoscaled service; null otherwise
 */
public record Workload(String id, String owner, WorkloadSpec spec, WorkloadState state, String reason,
        Instant submittedAt, Instant updatedAt, List<Attempt> attempts, AutoscaleStatus autoscale) {

    /** A workload without autoscaling status. */
    public Workload(String id, String owner, WorkloadSpec spec, WorkloadState state, String reason, Instant submittedAt,
            Instant updatedAt, List<Attempt> attempts) {
        this(id, owner, spec, state, reason, submittedAt, updatedAt, attempts, null);
    }
}
