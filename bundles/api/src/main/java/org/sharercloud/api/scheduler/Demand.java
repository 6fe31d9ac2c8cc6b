package org.sharercloud.api.scheduler;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one attempt of one workload replica needs. The scheduling queue hands these to the loop in
 * placement order (priority, then age).
 *
 * @param workloadId         the workload
 * @param replica            replica index within the workload, 0 for a single job
 * @param cpuMillis          CPU request in millicores
 * @param memoryMb           memory request
 * @param priority           higher first; a higher priority may preempt a lower one
 * @param expectedRunSeconds expected run time (the timeout when nothing better is known)
 * @param constraints        labels a member must carry with exactly these values (never null)
 * @param submittedAt        when the demand became pending (its age), never null
 * @param excludedMembers    members the replica must avoid (an earlier attempt failed or was lost there); never
 *                           null. The scheduler may lift them (see {@link SchedulingQueue#bind})
 * @param runtime            the workload runtime it needs on the member ({@code docker} unless said otherwise)
 */
public record Demand(String workloadId, int replica, int cpuMillis, int memoryMb, int priority,
        long expectedRunSeconds, Map<String, String> constraints, Instant submittedAt, java.util.Set<String> excludedMembers,
        String runtime) {
    /** The runtime of a demand that names none. */
    public static final String DEFAULT_RUNTIME = "docker";

    public Demand {
        Objects.requireNonNull(workloadId, "workloadId");
        constraints = constraints == null ? Map.of() : constraints;
        submittedAt = submittedAt == null ? Instant.EPOCH : submittedAt;
        excludedMembers = excludedMembers == null ? java.util.Set.of() : excludedMembers;
        runtime = runtime == null || runtime.isEmpty() ? DEFAULT_RUNTIME : runtime;
    }

    /** A docker demand with exclusions. */
    public Demand(String workloadId, int replica, int cpuMillis, int memoryMb, int priority, long expectedRunSeconds,
            Map<String, String> constraints, Instant submittedAt, java.util.Set<String> excludedMembers) {
        this(workloadId, replica, cpuMillis, memoryMb, priority, expectedRunSeconds, constraints, submittedAt, excludedMembers,
                DEFAULT_RUNTIME);
    }

    /** A docker demand that may go to any member. */
    public Demand(String workloadId, int replica, int cpuMillis, int memoryMb, int priority, long expectedRunSeconds,
            Map<String, String> constraints, Instant submittedAt) {
        this(workloadId, replica, cpuMillis, memoryMb, priority, expectedRunSeconds, constraints, submittedAt, java.util.Set.of(),
                DEFAULT_RUNTIME);
    }

    /** A docker demand for replica 0 with no constraints, submitted at the epoch (tests, benchmarks). */
    public Demand(String workloadId, int cpuMillis, int memoryMb, int priority, long expectedRunSeconds) {
        this(workloadId, 0, cpuMillis, memoryMb, priority, expectedRunSeconds, Map.of(), Instant.EPOCH, java.util.Set.of(),
                DEFAULT_RUNTIME);
    }

    /** {@code workloadId#replica}, unique among pending demands. */
    public String key() {
        return workloadId + "#" + replica;
    }

    /** This demand with its exclusions lifted (every member may take it again). */
    public Demand withoutExclusions() {
        return new Demand(workloadId, replica, cpuMillis, memoryMb, priority, expectedRunSeconds, constraints, submittedAt,
                java.util.Set.of(), runtime);
    }
}
