package org.sharercloud.scheduler.internal.strategy;

import java.util.Arrays;
import java.util.HashMap;
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
    /** Per run length, {@code exp} of each member's ln offered: the share term needs no logarithm while it fits. */
    private final double[][] offeredByHours;
    /** Per (run length, demand CPU): each block's max of ln speed + share term, and the block version it is for. */
    private final Map<Long, double[]> refined = new HashMap<>();
    private int hours;
    private double[] refinedNow;
    private double runHours;
    private double[] terms;
    private double[] offered;
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
        this.offeredByHours = new double[longest + 1][];
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
        offered = offeredByHours[h];
        this.hours = h;
        long key = ((long) h << 48) ^ ((long) d.cpuMillis() << 24) ^ d.memoryMb();
        refinedNow = refined.get(key);
        if (refinedNow == null && refined.size() < 64) { // a few demand shapes at a time: cap the memory
            refinedNow = new double[2 * pool.blocks()];
            Arrays.fill(refinedNow, Double.NaN);
            refined.put(key, refinedNow);
        }
        lnMinAfter = Math.log(Math.max(1, d.cpuMillis()));
        blockMax = blockMaxByHours[h];
    }

    private void build(int h) {
        int n = outlooks.length;
        double[] t = new double[3 * n];
        double[] max = new double[3 * pool.blocks()];
        double[] off = new double[n];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            t[3 * i] = ForecastStrategy.lnAvailability(outlooks[i], h);
            t[3 * i + 1] = ForecastStrategy.lnSpeed(outlooks[i], h, pool.ownerLoad(i));
            t[3 * i + 2] = ForecastStrategy.lnOffered(pool.cpuTotal(i), t[3 * i + 1]);
            off[i] = Math.exp(t[3 * i + 2]);
            int b = i >> CandidatePool.BLOCK_SHIFT;
            for (int k = 0; k < 3; k++) {
                max[3 * b + k] = Math.max(max[3 * b + k], t[3 * i + k]); // NaN propagates: such a block is never skipped
            }
        }
        byHours[h] = t;
        blockMaxByHours[h] = max;
        offeredByHours[h] = off;
    }

    @Override
    double bound(int b) {
        if (!TIE_BREAK_LOWERS || !(runHours >= 0) || cpu < 0 || mem < 0) {
            return Double.NaN;
        }
        return runHours * blockMax[3 * b] + blockMax[3 * b + 1]
                + ForecastStrategy.lnShare(blockMax[3 * b + 2], lnMinAfter);
    }

    /**
     * The bound with each member's own terms: the block's max, over members with the capacity, of the score
     * with {@code h - 1} for the run length, where {@code h - 1 < runHours} for every demand of the
     * run-length bucket {@code h} and ln availability is at most 0 (a member where it is not makes the bound infinite). Cached per bucket and
     * demand shape (CPU, memory) until an allocation changes the block; it carries a margin of a few ulps.
     */
    @Override
    double refine(int b, double bound) {
        double[] cache = refinedNow;
        if (Double.isNaN(bound) || cache == null) {
            return bound;
        }
        int version = pool.blockVersion(b);
        if (Double.isNaN(cache[2 * b + 1]) || cache[2 * b + 1] != version) {
            double max = Double.NEGATIVE_INFINITY;
            int to = Math.min(pool.size(), (b + 1) << CandidatePool.BLOCK_SHIFT);
            for (int i = b << CandidatePool.BLOCK_SHIFT; i < to; i++) {
                if (!pool.fitsCapacity(i, cpu, mem)) {
                    continue; // never offered for this demand shape (labels and exclusions only remove more)
                }
                double share = ForecastStrategy.share(terms[3 * i + 2], offered[i],
                        ForecastStrategy.after(pool.cpuTotal(i), pool.cpuFree(i), pool.ownerLoad(i), cpu));
                double a = terms[3 * i];
                // r > h - 1 >= 0 and ln availability <= 0, so r * a <= (h - 1) * a: one value per member for the bucket
                double v = a > 0 ? Double.POSITIVE_INFINITY
                        : ForecastStrategy.combine(Math.max(0, hours - 1), a, terms[3 * i + 1], share, Allocation.freeAfter(pool, i, cpu, mem));
                max = Math.max(max, v); // NaN propagates: such a block is never skipped
            }
            cache[2 * b] = max;
            cache[2 * b + 1] = version;
        }
        double tight = cache[2 * b];
        return Math.min(bound, tight + 1e-12 * (1 + Math.abs(tight)));
    }

    @Override
    void scan(int from, int to) {
        boolean prefilter = TIE_BREAK_LOWERS && runHours >= 0 && cpu >= 0 && mem >= 0;
        double r = runHours;
        double[] t = terms;
        for (int i = from; i < to; i++) {
            double base = r * t[3 * i] + t[3 * i + 1];
            if (prefilter && base + ForecastStrategy.lnShare(t[3 * i + 2], lnMinAfter) < bestScore()) {
                passedOver(); // its score is at most this (the bound's argument, member by member): it cannot win
                continue;
            }
            if (pool.fitsNow(i, cpu, mem, labelOk, excluded)) {
                double share = ForecastStrategy.share(t[3 * i + 2], offered[i],
                        ForecastStrategy.after(pool.cpuTotal(i), pool.cpuFree(i), pool.ownerLoad(i), cpu));
                offer(i, ForecastStrategy.combine(r, t[3 * i], t[3 * i + 1], share, Allocation.freeAfter(pool, i, cpu, mem)));
            }
        }
    }
}
