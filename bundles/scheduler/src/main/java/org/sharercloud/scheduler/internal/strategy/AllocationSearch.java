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
 *
 * <p>Tighter bounds for blocks with at most {@value #MAX_GROUPS} distinct (cpu total, memory total)
 * shapes (the usual case): within one shape the score orders like {@code K = cpuFree * memTotal +
 * memFree * cpuTotal}, so with each shape's members sorted by K, the first member from the top (spread)
 * or from the bottom (binpack) with room for the demand scores at least as well as every member of
 * that shape with room; its exact score plus the margin bounds the shape.
 */
abstract class AllocationSearch extends BlockSearch {
    private static final double ROUNDING = 1e-12;
    static final int MAX_GROUPS = 8;
    private static final long MAX_TOTAL = Integer.MAX_VALUE;
    /** Per block: number of shapes, or 0 when the block is not grouped (too many shapes, odd totals). */
    private final int[] groups;
    /** {@code [b * MAX_GROUPS + g]}: end (exclusive) of shape g's slice of {@link #order} in block b. */
    private final int[] groupEnd;
    /** Member indexes by block, by shape, by ascending K (refreshed with the block). */
    protected final int[] order;
    private final long[] key;
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
        groups = new int[n];
        groupEnd = new int[n * MAX_GROUPS];
        order = new int[n * CandidatePool.BLOCK];
        key = new long[pool.size()];
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
            group(b);
        }
    }

    /** Splits block b's members by shape into {@link #order}, when it has few shapes with sane totals. */
    private void group(int b) {
        long[] cpuT = new long[MAX_GROUPS];
        long[] memT = new long[MAX_GROUPS];
        int[] shape = new int[CandidatePool.BLOCK];
        int g = 0;
        for (int i = first(b), end = end(b); i < end; i++) {
            long c = pool.cpuTotal(i);
            long m = pool.memoryTotal(i);
            if (c <= 0 || m <= 0 || c > MAX_TOTAL || m > MAX_TOTAL) {
                return;
            }
            int k = 0;
            while (k < g && (cpuT[k] != c || memT[k] != m)) {
                k++;
            }
            if (k == g) {
                if (g == MAX_GROUPS) {
                    return;
                }
                cpuT[g] = c;
                memT[g++] = m;
            }
            shape[i - first(b)] = k;
        }
        int pos = first(b);
        for (int k = 0; k < g; k++) {
            for (int i = first(b), end = end(b); i < end; i++) {
                if (shape[i - first(b)] == k) {
                    order[pos++] = i;
                }
            }
            groupEnd[b * MAX_GROUPS + k] = pos;
        }
        groups[b] = g;
    }

    /** Sorts each shape's slice of block b by K (insertion sort: 64 members at most, mostly sorted already). */
    private void sortGroups(int b) {
        int from = first(b);
        for (int k = 0; k < groups[b]; k++) {
            int to = groupEnd[b * MAX_GROUPS + k];
            for (int p = from; p < to; p++) {
                int i = order[p];
                key[i] = pool.cpuFree(i) * pool.memoryTotal(i) + pool.memoryFree(i) * pool.cpuTotal(i);
            }
            for (int p = from + 1; p < to; p++) {
                int i = order[p];
                long v = key[i];
                int q = p - 1;
                while (q >= from && key[order[q]] > v) {
                    order[q + 1] = order[q];
                    q--;
                }
                order[q + 1] = i;
            }
            from = to;
        }
    }

    /**
     * Grouped bound of block b (see the class comment), or NaN when the block is not grouped. Walks each
     * shape from the top ({@code highest}) or bottom to the first member with room for the demand.
     */
    final double groupedBound(int b, boolean highest, boolean negate) {
        int g = groups[b];
        if (g == 0) {
            return Double.NaN;
        }
        double ub = Double.NEGATIVE_INFINITY;
        int from = first(b);
        for (int k = 0; k < g; k++) {
            int to = groupEnd[b * MAX_GROUPS + k];
            int found = -1;
            if (highest) {
                for (int p = to - 1; p >= from && found < 0; p--) {
                    found = pool.fitsCapacity(order[p], cpu, mem) ? order[p] : -1;
                }
            } else {
                for (int p = from; p < to && found < 0; p++) {
                    found = pool.fitsCapacity(order[p], cpu, mem) ? order[p] : -1;
                }
            }
            if (found >= 0) {
                double s = Allocation.freeAfter(pool, found, cpu, mem);
                ub = Math.max(ub, negate ? -s : s);
            }
            from = to;
        }
        return ub == Double.NEGATIVE_INFINITY ? ub : ub + margin(b, ub);
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
            if (groups[b] > 0) {
                sortGroups(b);
            }
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
