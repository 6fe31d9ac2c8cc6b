package org.sharercloud.api.workloads;

import java.time.Instant;

/**
 * The live CPU use of one running attempt of a service replica, from its agent's USAGE reports.
 *
 * @param attemptId  the attempt
 * @param replica    its replica number
 * @param cpuSeconds cumulative CPU seconds last reported
 * @param sampledAt  when that report arrived; null when none has yet
 * @param cpuCores   CPU in cores between the last two reports (or since the start for the first);
 *                   NaN when unknown
 */
public record ReplicaUsage(String attemptId, int replica, double cpuSeconds, Instant sampledAt, double cpuCores) {
}
