package org.sharercloud.runtime.internal.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;

import org.sharercloud.api.runtime.RunListener;

/**
 * Follows the engine's stats stream of one container (about one sample a second) and keeps the
 * total CPU time and the peak memory seen. A run shorter than the first sample reports zero. Each
 * sample is also passed on to the run's listener as live usage, at most once per {@link #MIN_GAP_NANOS}.
 */
final class UsageStats extends ResultCallback.Adapter<Statistics> {
    static final long MIN_GAP_NANOS = 1_000_000_000L;
    private final RunListener listener;
    private volatile long cpuNanos;
    private volatile long peakBytes;
    private long lastSent = Long.MIN_VALUE;

    UsageStats() {
        this(null);
    }

    /** @param listener told of the usage as samples arrive; null: nobody */
    UsageStats(RunListener listener) {
        this.listener = listener;
    }

    @Override
    public void onNext(Statistics s) {
        CpuStatsConfig cpu = s.getCpuStats();
        if (cpu != null && cpu.getCpuUsage() != null && cpu.getCpuUsage().getTotalUsage() != null) {
            cpuNanos = Math.max(cpuNanos, cpu.getCpuUsage().getTotalUsage());
        }
        MemoryStatsConfig mem = s.getMemoryStats();
        if (mem != null) {
            long seen = Math.max(orZero(mem.getMaxUsage()), orZero(mem.getUsage())); // max_usage: cgroup v1 only
            peakBytes = Math.max(peakBytes, seen);
        }
        long now = System.nanoTime();
        if (listener != null && cpuNanos > 0 && (lastSent == Long.MIN_VALUE || now - lastSent >= MIN_GAP_NANOS)) {
            lastSent = now;
            try {
                listener.usage(cpuSeconds(), peakMemoryMb());
            } catch (RuntimeException e) {
                // a listener's failure must not end the stats stream
            }
        }
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    long peakMemoryMb() {
        return (peakBytes + (1 << 20) - 1) >> 20;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
