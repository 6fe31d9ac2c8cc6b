package org.sharercloud.scheduler.internal.strategy;

import java.util.Arrays;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.loop.CandidatePool;

/**
 * {@link BlockSearch} for the strategies scored by {@link Allocation#freeAfter} (spread: highest,
 * binpack: lowest). Per block it keeps the totals' extremes (fixed) and, refreshed when the block's
 * version changes, the highest free share {@code A = freeAfter(no demand)} (spread) or the free amounts
 * sorted (binpack, for the smallest slack left by the demand). In real numbers
 * {@code freeAfter = A - (cpu/cpuTotal + mem/memTotal)/2} member by member, which gives the bounds; a
 * margin covers rounding (a few ulps of the largest ratio involved, taken 10^4 times over).
 */
abstract class AllocationSearch extends BlockSearch {
    private static final double ROUNDING = 1e-12;
    private final boolean[] allCpuTotalsPositive;
    private final boolean[] allMemTotalsPositive;
    private final long[] maxCpuTotal;
    private final long[] maxMemTotal;
    private final long[] minCpuTotal;
    private final long[] minMemTotal;
    private final int[] seen;
    /** Largest {@code |cpuFree|/cpuTotal + |memFree|/memTotal} in the block (rounding scale). */
    protected final double[] scale;
    protected double demandScale;

    AllocationSearch(CandidatePool pool) {
        super(pool);
        int n = pool.blocks();
        allCpuTotalsPositive = new boolean[n];
        allMemTotalsPositive = new boolean[n];
        maxCpuTotal = new long[n];
        maxMemTotal = new long[n];
        minCpuTotal = new long[n];
        minMemTotal = new long[n];
        seen = new int[n];
        scale = new double[n];
        Arrays.fill(seen, -1);
        for (int b = 0; b < n; b++) {
            allCpuTotalsPositive[b] = true;
            allMemTotalsPositive[b] = true;
            maxCpuTotal[b] = Long.MIN_VALUE;
            maxMemTotal[b] = Long.MIN_VALUE;
            minCpuTotal[b] = Long.MAX_VALUE;
            minMemTotal[b] = Long.MAX_VALUE;
            for (int i = first(b), end = end(b); i < end; i++) {
                allCpuTotalsPositive[b] &= pool.cpuTotal(i) > 0;
                allMemTotalsPositive[b] &= pool.memoryTotal(i) > 0;
                maxCpuTotal[b] = Math.max(maxCpuTotal[b], pool.cpuTotal(i));
                maxMemTotal[b] = Math.max(maxMemTotal[b], pool.memoryTotal(i));
                minCpuTotal[b] = Math.min(minCpuTotal[b], pool.cpuTotal(i));
                minMemTotal[b] = Math.min(minMemTotal[b], pool.memoryTotal(i));
            }
        }
    }

    final int first(int b) {
        return b << CandidatePool.BLOCK_SHIFT;
    }

    final int end(int b) {
        return Math.min(pool.size(), (b + 1) << CandidatePool.BLOCK_SHIFT);
    }

    @Override
    void prepare(Demand d) {
        demandScale = Math.abs((double) cpu) + Math.abs((double) mem);
    }

    /** Recomputes the block's free-dependent summary when members of it were allocated on. */
    final void refresh(int b) {
        int v = pool.blockVersion(b);
        if (seen[b] != v) {
            double s = 0;
            for (int i = first(b), end = end(b); i < end; i++) {
                double r = (pool.cpuTotal(i) > 0 ? Math.abs((double) pool.cpuFree(i)) / pool.cpuTotal(i) : 0)
                        + (pool.memoryTotal(i) > 0 ? Math.abs((double) pool.memoryFree(i)) / pool.memoryTotal(i) : 0);
                s = Math.max(s, r);
            }
            scale[b] = s;
            summarize(b);
            seen[b] = v;
        }
    }

    /** Strategy-specific part of {@link #refresh}. */
    abstract void summarize(int b);

    /** A lower bound of the demand's part {@code (cpu/cpuTotal + mem/memTotal)/2} over the block's members (0 for totals <= 0). */
    final double minDemandShare(int b) {
        double c = allCpuTotalsPositive[b] ? (double) cpu / maxCpuTotal[b] : 0;
        double m = allMemTotalsPositive[b] ? (double) mem / maxMemTotal[b] : 0;
        return (c + m) / 2;
    }

    /** Lower bound of {@code slackCpu/cpuTotal + slackMem/memTotal} for slacks at least the given ones, halved. */
    final double minSlackShare(int b, long slackCpu, long slackMem) {
        double c = allCpuTotalsPositive[b] ? (double) slackCpu / maxCpuTotal[b] : 0;
        double m = allMemTotalsPositive[b] ? (double) slackMem / maxMemTotal[b] : 0;
        return (c + m) / 2;
    }

    /** Rounding margin for bounds of block {@code b}. */
    final double margin(int b, double bound) {
        double demandRatio = demandScale / Math.max(1, Math.min(positiveOr1(minCpuTotal[b]), positiveOr1(minMemTotal[b])));
        return ROUNDING * (1 + Math.abs(bound) + scale[b] + demandRatio);
    }

    private static long positiveOr1(long v) {
        return v > 0 ? v : 1;
    }

    /** Whether bounds are usable for this demand (negative requests would turn the demand term around). */
    final boolean boundable() {
        return cpu >= 0 && mem >= 0;
    }
}
