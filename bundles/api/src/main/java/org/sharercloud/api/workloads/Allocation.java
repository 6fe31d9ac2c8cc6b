package org.sharercloud.api.workloads;

/**
 * Resources held on one member.
 *
 * @param cpuMillis    CPU requested by what runs there
 * @param memoryMb     memory requested by what runs there
 * @param attempts     attempts SCHEDULED or RUNNING there
 * @param reservations reserved workers there
 */
public record Allocation(long cpuMillis, long memoryMb, int attempts, int reservations) {
    public static final Allocation NONE = new Allocation(0, 0, 0, 0);
}
