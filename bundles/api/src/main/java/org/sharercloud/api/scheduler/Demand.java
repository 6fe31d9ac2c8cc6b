package org.sharercloud.api.scheduler;

/**
 * What one attempt needs.
 *
 * @param workloadId           the workload
 * @param cpuMillis            CPU request
 * @param memoryMb             memory request
 * @param priority             higher first
 * @param expectedRunSeconds   expected run time (the timeout when nothing better is known)
 */
public record Demand(String workloadId, int cpuMillis, int memoryMb, int priority, long expectedRunSeconds) {
}
