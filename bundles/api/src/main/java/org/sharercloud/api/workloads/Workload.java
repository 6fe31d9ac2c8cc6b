package org.sharercloud.api.workloads;

import java.time.Instant;
import java.util.List;

/** A submitted workload with its attempts. */
public record Workload(String id, String owner, WorkloadSpec spec, WorkloadState state, String reason,
        Instant submittedAt, Instant updatedAt, List<Attempt> attempts) {
}
