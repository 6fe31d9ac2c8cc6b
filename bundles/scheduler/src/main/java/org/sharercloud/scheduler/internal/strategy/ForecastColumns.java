package org.sharercloud.scheduler.internal.strategy;

import java.util.Map;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.loop.CandidatePool;

/**
 * {@link ForecastStrategy}'s fast path for one pool: each member's outlook is looked up once per pool
 * (not once per member per demand), and for each run length in hours the two logarithms the score
 * needs are laid out side by side ({@code [3i]} ln availability, {@code [3i+1]} ln speed, {@code [3i+2]}
 * ln of the CPU the owner is expected to leave) with their per-block maxima, built on first use. A
 * block's bound is {@code runHours * max ln availability + max ln speed + min(0, max ln offered -
 * ln demand)}: the CPU placed after the demand is at least the demand, the tie-break term only lowers
 * a feasible member's score (its free share after placement is at least 0), and the rounded
 * operations are monotone, so no margin is needed. Tied to
 * one snapshot of the {@link ForecastCache}; the strategy rebuilds it when the cache was refreshed.
 */
final class ForecastColumns extends BlockSearch {
    /** Whether the tie-break term lowers the score for a positive free share (the bound relies on it). */
    private static final boolean TIE_BREAK_LOWERS = ForecastStrategy.combine(0, 0, 0, 0, 1) <= 0;
    private final Map<String, MemberOutlook> source;
    private final MemberOutlook[] outlooks;
    /** Run lengths from this many hours on read the same (last) forecast hour of every member. */
    private final int maxHours;
    private final double[][] byHours;
    private final double[][] blockMaxByHours;
    private double runHours;
    private double[] terms;
    private double[] blockMax;
    /** ln of the least CPU placed after the demand (the demand alone): no member's ln placed is lower. */
    private double lnMinAfter;

    ForecastColumns(Map<String, MemberOutlook> source, CandidatePool pool) {
        super(pool);
        this.source = source;
        int n = pool.size();
        this.outlooks = new MemberOutlook[n];
        int longest = 1;
        for (int i = 0; i < n; i++) {
            outlooks[i] = source.get(pool.id(i));
            if (outlooks[i] != null) {
                longest = Math.max(longest, outlooks[i].hours());
            }
        }
        this.maxHours = longest;
        this.byHours = new double[longest + 1][];
        this.blockMaxByHours = new double[longest + 1][];
    }

    boolean isFor(Map<String, MemberOutlook> snapshot) {
        return source == snapshot;
    }

    @Override
    void prepare(Demand d) {
        runHours = ForecastStrategy.runHours(d);
        int hours = (int) Math.ceil(runHours);
        int h = Math.max(1, Math.min(hours, maxHours)); // MemberOutlook reads hour min(hours, length) - 1, at least 0
        if (byHours[h] == null) {
            build(h);
        }
        terms = byHours[h];
        lnMinAfter = Math.log(Math.max(1, d.cpuMillis()));
        blockMax = blockMaxByHours[h];
    }

    private void build(int h) {
        int n = outlooks.length;
        double[] t = new double[3 * n];
        double[] max = new double[3 * pool.blocks()];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            t[3 * i] = ForecastStrategy.lnAvailability(outlooks[i], h);
            t[3 * i + 1] = ForecastStrategy.lnSpeed(outlooks[i], h, pool.ownerLoad(i));
            t[3 * i + 2] = ForecastStrategy.lnOffered(pool.cpuTotal(i), t[3 * i + 1]);
            int b = i >> CandidatePool.BLOCK_SHIFT;
            for (int k = 0; k < 3; k++) {
                max[3 * b + k] = Math.max(max[3 * b + k], t[3 * i + k]); // NaN propagates: such a block is never skipped
            }
        }
        byHours[h] = t;
        blockMaxByHours[h] = max;
    }

    @Override
    double bound(int b) {
        if (!TIE_BREAK_LOWERS || !(runHours >= 0) || cpu < 0 || mem < 0) {
            return Double.NaN;
        }
        return runHours * blockMax[3 * b] + blockMax[3 * b + 1]
                + ForecastStrategy.lnShare(blockMax[3 * b + 2], lnMinAfter);
    }

    @Override
    void scan(int from, int to) {
        boolean prefilter = TIE_BREAK_LOWERS && runHours >= 0 && cpu >= 0 && mem >= 0;
        double r = runHours;
        double[] t = terms;
        for (int i = from; i < to; i++) {
            double x = r * t[3 * i] + t[3 * i + 1] + ForecastStrategy.lnShare(t[3 * i + 2], lnMinAfter);
            if (prefilter && x < bestScore()) {
                passedOver(); // its score is at most x (the bound's argument, member by member): it cannot win
                continue;
            }
            if (pool.fitsNow(i, cpu, mem, labelOk, excluded)) {
                double share = ForecastStrategy.lnShare(t[3 * i + 2],
                        ForecastStrategy.lnAfter(pool.cpuTotal(i), pool.cpuFree(i), pool.ownerLoad(i), cpu));
                offer(i, ForecastStrategy.combine(r, t[3 * i], t[3 * i + 1], share,
                        Allocation.freeAfter(pool, i, cpu, mem)));
            }
        }
    }
}
