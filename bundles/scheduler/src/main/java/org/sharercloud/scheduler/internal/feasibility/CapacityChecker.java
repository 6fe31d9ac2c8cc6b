package org.sharercloud.scheduler.internal.feasibility;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/**
 * The member has the demand's CPU and memory: {@link #NOW} free now (after what the pass placed), or
 * {@link #EVER} in total (what its owner's policy and hardware offer when it is idle).
 */
public final class CapacityChecker implements Checker {
    /** Free CPU and memory now. */
    public static final CapacityChecker NOW = new CapacityChecker(false);
    /** Total CPU and memory: whether the member could ever take the demand. */
    public static final CapacityChecker EVER = new CapacityChecker(true);
    private final boolean total;

    private CapacityChecker(boolean total) {
        this.total = total;
    }

    /** Whether {@code cpu} millicores and {@code memoryMb} fit in what is available (the pool's scans call it in their hot loops). */
    public static boolean fits(long cpuAvailable, long memoryAvailable, int cpu, int memoryMb) {
        return cpuAvailable >= cpu && memoryAvailable >= memoryMb;
    }

    @Override
    public boolean passes(MemberFacts f, int i, Demand d) {
        return total ? fits(f.cpuTotal(i), f.memoryTotal(i), d.cpuMillis(), d.memoryMb())
                : fits(f.cpuFree(i), f.memoryFree(i), d.cpuMillis(), d.memoryMb());
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        long cpu = total ? f.cpuTotal(i) : f.cpuFree(i);
        long mem = total ? f.memoryTotal(i) : f.memoryFree(i);
        if (cpu < d.cpuMillis()) {
            return new MemberVerdict(f.id(i), RejectReason.INSUFFICIENT_CPU, total
                    ? "needs " + d.cpuMillis() + "m cpu, offers at most " + cpu + "m"
                    : "needs " + d.cpuMillis() + "m cpu, " + cpu + "m free of " + f.cpuTotal(i) + "m");
        }
        if (mem < d.memoryMb()) {
            return new MemberVerdict(f.id(i), RejectReason.INSUFFICIENT_MEMORY, total
                    ? "needs " + d.memoryMb() + " MB, offers at most " + mem + " MB"
                    : "needs " + d.memoryMb() + " MB, " + mem + " MB free of " + f.memoryTotal(i) + " MB");
        }
        return null;
    }
}
