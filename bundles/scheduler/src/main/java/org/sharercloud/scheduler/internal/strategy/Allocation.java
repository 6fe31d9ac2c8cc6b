package org.sharercloud.scheduler.internal.strategy;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.scheduler.internal.loop.CandidatePool;

/** Shared arithmetic of the allocation-based strategies. */
final class Allocation {
    private Allocation() {
    }

    /** Mean of the free CPU and free memory fractions after placing the demand, 0..1. */
    static double freeAfter(Capacity c, int cpuMillis, int memoryMb) {
        return freeAfter(c.cpuMillisTotal(), c.cpuMillisFree(), c.memoryMbTotal(), c.memoryMbFree(), cpuMillis, memoryMb);
    }

    /** {@link #freeAfter(Capacity, int, int)} for pool candidate {@code i}, without a Capacity object. */
    static double freeAfter(CandidatePool pool, int i, int cpuMillis, int memoryMb) {
        return freeAfter(pool.cpuTotal(i), pool.cpuFree(i), pool.memoryTotal(i), pool.memoryFree(i), cpuMillis, memoryMb);
    }

    static double freeAfter(long cpuTotal, long cpuFree, long memTotal, long memFree, int cpuMillis, int memoryMb) {
        double cpu = cpuTotal <= 0 ? 0 : (double) (cpuFree - cpuMillis) / cpuTotal;
        double mem = memTotal <= 0 ? 0 : (double) (memFree - memoryMb) / memTotal;
        return (cpu + mem) / 2;
    }
}
