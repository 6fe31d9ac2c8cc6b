package org.sharercloud.api.workloads;

import java.time.Instant;

/**
 * One try of a workload replica on one member. {@code fencingToken} increases with every attempt of
 * the same replica; a report carrying another token than the replica's current attempt is refused.
 *
 * @param placement     why the scheduler chose this member
 * @param outputsSha256 lower-case hex SHA-256 of the outputs archive the attempt returned, or null
 */
public record Attempt(String id, String workloadId, int replica, String memberId, long fencingToken,
        AttemptState state, Integer exitCode, String reason, String placement, Instant scheduledAt, Instant startedAt,
        Instant finishedAt, double cpuSeconds, long peakMemoryMb, String outputsSha256) {
}
