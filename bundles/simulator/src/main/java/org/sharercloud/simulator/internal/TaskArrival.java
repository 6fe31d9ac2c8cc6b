package org.sharercloud.simulator.internal;

/**
 * One workload arriving: at {@code arrival} seconds from the start of the arrival trace, asking for
 * CPU and memory, running {@code durationSeconds} at full speed.
 */
public record TaskArrival(String id, long arrival, int cpuMillis, int memoryMb, long durationSeconds, int priority) {
}
