package org.sharercloud.api.workloads;

import java.time.Instant;

/**
 * One try of a workload replica on one member. {@code fencingToken} increases with every attempt; a
 * report carrying an older token is refused.
 */
public record Attempt(String id, String workloadId, int replica, String memberId, long fencingToken,
        AttemptState state, Integer exitCode, String reason, Instant scheduledAt, Instant startedAt,
        Instant finishedAt, double cpuSeconds, long peakMemoryMb) {
}
