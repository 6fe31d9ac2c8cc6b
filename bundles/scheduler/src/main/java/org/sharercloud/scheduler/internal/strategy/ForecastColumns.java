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
    @Override
    boolean refinesFirst() {
        return true;
    }

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
    private final Map<Long, Refined> refined = new HashMap<>();
    private Refined refinedNow;
    /**
     * The lowest run length of the demand's bucket: {@code runHours} is {@link ForecastStrategy#MIN_RUN_HOURS}
     * when the bucket is 1 and above {@code bucket - 1} otherwise (a bucket capped at the longest outlook holds
     * longer runs only).
     */
    private double lowRunHours;
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
        lowRunHours = Math.max(ForecastStrategy.MIN_RUN_HOURS, h - 1);
        long key = ((long) h << 48) ^ ((long) d.cpuMillis() << 24) ^ d.memoryMb();
        refinedNow = refined.get(key);
        if (refinedNow == null && refined.size() < 64) { // a few demand shapes at a time: cap the memory
            refinedNow = new Refined(pool.blocks());
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
     * with the bucket's lowest run length ({@link #lowRunHours}) for the run length (ln availability is at
     * most 0, so a longer run scores no higher; a member where it is not makes the bound infinite). Cached per
     * bucket and demand shape (CPU, memory) with the member that reaches it: when allocations changed the block
     * since, only the members they changed are looked at again ({@link CandidatePool#changedMember}), and the
     * whole block only when the changes are too many to tell. When the member that reached the max now scores
     * lower, the old max stays as a (loose) upper bound until {@link #tighten} looks at the whole block. It
     * carries a margin of a few ulps.
     */
    @Override
    double refine(int b, double bound) {
        Refined cache = refinedNow;
        if (Double.isNaN(bound) || cache == null) {
            return bound;
        }
        int version = pool.blockVersion(b);
        if (!cache.known[b] || cache.version[b] != version && !update(cache, b, version)) {
            refineBlock(cache, b);
        }
        return withMargin(bound, cache.max[b]);
    }

    private static double withMargin(double bound, double tight) {
        if (tight == Double.NEGATIVE_INFINITY) {
            return tight; // nobody in the block has the capacity
        }
        return Math.min(bound, tight + 1e-12 * (1 + Math.abs(tight)));
    }

    @Override
    boolean loose(int b) {
        return refinedNow != null && refinedNow.argmax[b] == LOOSE;
    }

    @Override
    double tighten(int b, double bound) {
        refineBlock(refinedNow, b);
        return withMargin(bound, refinedNow.max[b]);
    }

    /**
     * Brings block {@code b}'s cached max from its version to {@code version} by looking at the changed members
     * only: every other member's value is what it was, so at most the old max. When the member of the old max
     * changed and every changed member is below the old max now, the old max stays as an upper bound, marked
     * {@link #LOOSE}. False when the changes do not settle it (a NaN, or a change the pool no longer tells).
     */
    private boolean update(Refined cache, int b, int version) {
        double old = cache.max[b];
        if (Double.isNaN(old) || version - cache.version[b] > CandidatePool.CHANGE_LOG) {
            return false;
        }
        double top = Double.NEGATIVE_INFINITY;
        int topMember = -1;
        boolean argmaxChanged = false;
        for (int v = cache.version[b] + 1; v - version <= 0; v++) {
            int i = pool.changedMember(b, v);
            if (i < 0) {
                return false;
            }
            argmaxChanged |= i == cache.argmax[b];
            double x = value(i);
            if (Double.isNaN(x)) {
                return false;
            }
            if (x > top) {
                top = x;
                topMember = i;
            }
        }
        if (top > old || top == old && argmaxChanged) {
            cache.max[b] = top;
            cache.argmax[b] = topMember;
        } else if (argmaxChanged) {
            cache.argmax[b] = LOOSE; // the max may have dropped: only a look at the whole block tells by how much
        }
        cache.version[b] = version;
        return true;
    }

    private void refineBlock(Refined cache, int b) {
        double max = Double.NEGATIVE_INFINITY;
        int argmax = -1;
        int to = Math.min(pool.size(), (b + 1) << CandidatePool.BLOCK_SHIFT);
        for (int i = b << CandidatePool.BLOCK_SHIFT; i < to; i++) {
            double v = value(i);
            if (v > max || Double.isNaN(v)) {
                max = v;
                argmax = i;
                if (Double.isNaN(v)) {
                    break; // NaN: such a block is never skipped
                }
            }
        }
        cache.max[b] = max;
        cache.argmax[b] = argmax;
        cache.version[b] = pool.blockVersion(b);
        cache.known[b] = true;
    }

    /**
     * Member {@code i}'s term of the refined bound: its score with {@link #lowRunHours} for the run length, or
     * {@code -Infinity} when it lacks the capacity (never offered for this demand shape: labels and exclusions
     * only remove more).
     */
    private double value(int i) {
        if (!pool.fitsCapacity(i, cpu, mem)) {
            return Double.NEGATIVE_INFINITY;
        }
        double a = terms[3 * i];
        if (a > 0) {
            return Double.POSITIVE_INFINITY;
        }
        double share = ForecastStrategy.share(terms[3 * i + 2], offered[i],
                ForecastStrategy.after(pool.cpuTotal(i), pool.cpuFree(i), pool.ownerLoad(i), cpu));
        return ForecastStrategy.combine(lowRunHours, a, terms[3 * i + 1], share, Allocation.freeAfter(pool, i, cpu, mem));
    }

    /** {@link Refined#argmax} of a block whose max is an upper bound that no member may reach any more. */
    private static final int LOOSE = -2;

    /**
     * One demand shape's refined bounds: per block the max (-Infinity when no member has the capacity), the
     * member reaching it ({@link #LOOSE} when none may, -1 when none has the capacity), the block version it is for.
     */
    private static final class Refined {
        final double[] max;
        final int[] argmax;
        final int[] version;
        final boolean[] known;

        Refined(int blocks) {
            max = new double[blocks];
            argmax = new int[blocks];
            version = new int[blocks];
            known = new boolean[blocks];
        }
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
