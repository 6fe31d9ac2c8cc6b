package org.sharercloud.contributor.internal.host;

import java.util.function.LongSupplier;

import oshi.hardware.CentralProcessor;

/**
 * Machine and owner CPU load between two samples, from counters only (no process table walk).
 * <p>
 * Machine load comes from the kernel's CPU ticks. Owner load is an approximation: machine load minus
 * what is ours ({@link OwnCpu}: this agent's JVM, what its runtimes run, processes configured as ours such as
 * a coordinator next door), clamped to 0..1. Everything else on the machine counts as the owner's: their
 * programs, but also system daemons and other users, which is the conservative reading for "is the machine busy".
 */
public final class CpuSampler {
    private final CentralProcessor cpu;
    private final LongSupplier ownNanos;
    private final LongSupplier clock;
    private final int cores;
    private long[] ticks;
    private long own;
    private long at;

    /**
     * @param ownNanos cumulative CPU nanoseconds that are ours (the agent, what it runs, processes configured as ours)
     * @param clock    monotonic nanoseconds
     */
    public CpuSampler(CentralProcessor cpu, LongSupplier ownNanos, LongSupplier clock) {
        this.cpu = cpu;
        this.ownNanos = ownNanos;
        this.clock = clock;
        this.cores = Math.max(1, cpu.getLogicalProcessorCount());
        this.ticks = cpu.getSystemCpuLoadTicks();
        this.own = ownNanos.getAsLong();
        this.at = clock.getAsLong();
    }

    /** {@code [machine, owner]} loads, each 0..1, since the previous call. */
    public synchronized double[] sample() {
        long[] nowTicks = cpu.getSystemCpuLoadTicks();
        long nowOwn = ownNanos.getAsLong();
        long now = clock.getAsLong();
        double machine = clamp(cpu.getSystemCpuLoadBetweenTicks(ticks, nowTicks));
        long wall = now - at;
        double ours = wall <= 0 ? 0 : clamp((double) Math.max(0, nowOwn - own) / ((double) wall * cores));
        ticks = nowTicks;
        own = nowOwn;
        at = now;
        return new double[] {machine, ownerLoad(machine, ours)};
    }

    static double ownerLoad(double machine, double ours) {
        return clamp(machine - ours);
    }

    static double clamp(double v) {
        if (Double.isNaN(v) || v < 0) {
            return 0;
        }
        return Math.min(1, v);
    }
}
