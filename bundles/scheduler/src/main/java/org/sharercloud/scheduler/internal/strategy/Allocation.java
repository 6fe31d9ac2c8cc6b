package org.sharercloud.scheduler.internal.strategy;

import org.sharercloud.api.members.Capacity;

/** Shared arithmetic of the allocation-based strategies. */
final class Allocation {
    private Allocation() {
    }

    /** Mean of the free CPU and free memory fractions after placing the demand, 0..1. */
    static double freeAfter(Capacity c, int cpuMillis, int memoryMb) {
        double cpu = c.cpuMillisTotal() <= 0 ? 0 : (double) (c.cpuMillisFree() - cpuMillis) / c.cpuMillisTotal();
        double mem = c.memoryMbTotal() <= 0 ? 0 : (double) (c.memoryMbFree() - memoryMb) / c.memoryMbTotal();
        return (cpu + mem) / 2;
    }
}
