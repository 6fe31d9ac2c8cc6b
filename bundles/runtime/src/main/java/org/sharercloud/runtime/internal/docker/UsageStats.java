package org.sharercloud.runtime.internal.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;

/**
 * Follows the engine's stats stream of one container (about one sample a second) and keeps the
 * total CPU time and the peak memory seen. A run shorter than the first sample reports zero.
 */
final class UsageStats extends ResultCallback.Adapter<Statistics> {
    private volatile long cpuNanos;
    private volatile long peakBytes;

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
