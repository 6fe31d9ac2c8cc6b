package org.sharercloud.workloads.internal;

import java.time.Instant;

/**
 * The most CPU time an attempt can honestly have used: its CPU request (the runtime's limit) times the time since
 * the coordinator handed it out, plus one second for the granularity of the measurement. A member's reported
 * CPU-seconds, which become its credits, are cut to this bound; a report above it is logged.
 */
final class CpuBound {
    static final double SLACK_SECONDS = 1.0;

    private CpuBound() {
    }

    /** The bound for an attempt handed out at {@code scheduledAt} with {@code cpuMillis}, at {@code nowMillis}. */
    static double max(Integer cpuMillis, Instant scheduledAt, long nowMillis) {
        int millicores = cpuMillis == null || cpuMillis <= 0 ? 1 : cpuMillis;
        long start = scheduledAt == null ? nowMillis : scheduledAt.toEpochMilli();
        double elapsed = Math.max(0, nowMillis - start) / 1000.0;
        return millicores / 1000.0 * elapsed + SLACK_SECONDS;
    }

    static double clamp(double reported, double max) {
        return Math.min(reported, max);
    }
}
