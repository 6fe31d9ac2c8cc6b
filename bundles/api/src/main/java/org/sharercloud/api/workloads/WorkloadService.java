package org.sharercloud.api.workloads;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sharercloud.api.auth.Principal;

/** The Workloads module: submit, validate, state machine, attempts. */
@ProviderType
public interface WorkloadService {
    /** Validates and stores a workload as PENDING; 400 naming the first bad field. */
    Workload submit(Principal owner, WorkloadSpec spec);

    /** The caller's workloads (all of them for an admin), newest first. */
    List<Workload> list(Principal caller);

    /** 404 when absent or not the caller's. */
    Workload get(Principal caller, String workloadId);

    /** Cancels; 409 when already final. */
    Workload cancel(Principal caller, String workloadId);

    /** Number of workloads in the store. */
    long count();
}
