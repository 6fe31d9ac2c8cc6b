package org.sharercloud.contributor.internal.exec;

import java.util.function.LongSupplier;

/**
 * The CPU (millicores) and memory (MB) the owner's sharing policy lets runs use at once. Totals are read on
 * every check, so a policy change applies to the next start. A run asking for more than the totals still
 * runs when nothing else does (the coordinator placed it; refusing it would only leave it stuck), but with its
 * limits cut to the totals ({@link #clampCpu}, {@link #clampMemory}), so the owner's budget holds even then.
 */
public final class Budget {
    private final LongSupplier cpuTotal;
    private final LongSupplier memoryTotal;
    private long cpuUsed;
    private long memoryUsed;

    public Budget(LongSupplier cpuTotal, LongSupplier memoryTotal) {
        this.cpuTotal = cpuTotal;
        this.memoryTotal = memoryTotal;
    }

    /** Takes the amounts if they fit (or if {@code alone}); non-positive amounts count as nothing. */
    public synchronized boolean tryTake(int cpuMillis, int memoryMb, boolean alone) {
        long cpu = Math.max(0, cpuMillis);
        long mem = Math.max(0, memoryMb);
        if (!alone && (cpuUsed + cpu > cpuTotal.getAsLong() || memoryUsed + mem > memoryTotal.getAsLong())) {
            return false;
        }
        cpuUsed += cpu;
        memoryUsed += mem;
        return true;
    }

    public synchronized void give(int cpuMillis, int memoryMb) {
        cpuUsed = Math.max(0, cpuUsed - Math.max(0, cpuMillis));
        memoryUsed = Math.max(0, memoryUsed - Math.max(0, memoryMb));
    }

    /** The CPU limit a run gets: what it asked for, at most the total (a run asking for no limit gets the total). */
    public int clampCpu(int cpuMillis) {
        long total = cpuTotal.getAsLong();
        return (int) Math.max(1, cpuMillis <= 0 ? total : Math.min(cpuMillis, total));
    }

    /** The memory limit a run gets: what it asked for, at most the total (a run asking for no limit gets the total). */
    public int clampMemory(int memoryMb) {
        long total = memoryTotal.getAsLong();
        return (int) Math.max(1, memoryMb <= 0 ? total : Math.min(memoryMb, total));
    }

    public synchronized long cpuUsed() {
        return cpuUsed;
    }

    public synchronized long memoryUsed() {
        return memoryUsed;
    }
}
