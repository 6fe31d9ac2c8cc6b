package org.sharercloud.scheduler.internal.strategy;

import java.util.Set;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;

/**
 * Branch and bound over a pool's blocks for a scoring strategy: each block gets an upper bound of the
 * score any feasible member in it can reach; the block with the highest bound is scanned first, then
 * the others in index order, skipping every block whose bound is below the best score found so far (or,
 * for a search whose refined bounds are cached, {@link #refinesFirst}: always the highest refined bound left next).
 * The winner is the same as a full scan's (highest score, ties to the lowest index, NaN and
 * {@code -Infinity} never win) as long as {@link #bound} never underestimates a computed score.
 * Per-decision fields make an instance single-threaded: one per strategy per pool (pools are).
 */
abstract class BlockSearch {
    protected final CandidatePool pool;
    protected int cpu;
    protected int mem;
    protected boolean[] labelOk;
    protected Set<String> excluded;
    private double[] bounds = new double[0];
    private int best;
    private double bestScore;
    private int counted;
    private boolean passedOver;

    BlockSearch(CandidatePool pool) {
        this.pool = pool;
    }

    /** Called once per decision before any {@link #bound} or {@link #scan}. */
    abstract void prepare(Demand d);

    /** An upper bound (never below) of the computed score of every feasible member of block {@code b}; NaN if unknown. */
    abstract double bound(int b);

    /**
     * A tighter (costlier) bound of block {@code b}, asked only when {@link #bound} did not rule the block
     * out; never above the true maximum's computed score less rounding, like {@link #bound}.
     */
    double refine(int b, double bound) {
        return bound;
    }

    /** Whether the last {@link #refine} of block {@code b} may be well above its best member (worth {@link #tighten}ing). */
    boolean loose(int b) {
        return false;
    }

    /** A {@link #loose} block's refined bound made tight, at the cost of looking at the whole block. */
    double tighten(int b, double bound) {
        return bound;
    }

    /**
     * Whether {@link #refine} is cheap enough to ask for every block up front (it is cached): then blocks are
     * scanned best refined bound first, each next one the highest bound left, until no bound left reaches
     * the best score. Otherwise only the coarse bounds order the search and refine is asked lazily.
     */
    boolean refinesFirst() {
        return false;
    }

    /**
     * Calls {@link #offer} for every feasible member in {@code [from, to)} with its exact score; may pass
     * over members that cannot beat {@link #bestScore()} if it calls {@link #passedOver()}.
     */
    abstract void scan(int from, int to);

    final double bestScore() {
        return bestScore;
    }

    /** Feasible members may have been passed over uncounted: the count is taken when asked for. */
    final void passedOver() {
        passedOver = true;
    }

    final int run(Demand d, Placer placer) {
        cpu = d.cpuMillis();
        mem = d.memoryMb();
        labelOk = pool.labelCheck(d);
        excluded = CandidatePool.exclusions(d);
        prepare(d);
        int n = pool.blocks();
        if (bounds.length != n) {
            bounds = new double[n];
        }
        if (refinesFirst()) {
            return runBestFirst(n, placer);
        }
        int top = -1;
        for (int b = 0; b < n; b++) {
            double ub = pool.blockMayFit(b, cpu, mem) ? bound(b) : Double.NEGATIVE_INFINITY;
            bounds[b] = ub;
            if (ub != Double.NEGATIVE_INFINITY && (top < 0 || !(ub <= bounds[top]))) {
                top = b; // NaN (unknown) counts as the highest
            }
        }
        best = -1;
        bestScore = Double.NEGATIVE_INFINITY;
        counted = 0;
        passedOver = false;
        boolean skipped = false;
        if (top >= 0) {
            scanBlock(top);
        }
        for (int b = 0; b < n; b++) {
            if (b == top || bounds[b] == Double.NEGATIVE_INFINITY) {
                continue; // nobody in it has the capacity: nothing to count either
            }
            if (bounds[b] < bestScore || refine(b, bounds[b]) < bestScore) {
                skipped = true; // nobody in it can beat or tie the best
                continue;
            }
            scanBlock(b);
        }
        placer.record(skipped || passedOver ? -1 : counted, bestScore);
        return best;
    }

    private int runBestFirst(int n, Placer placer) {
        boolean skipped = false;
        for (int b = 0; b < n; b++) {
            double ub = Double.NEGATIVE_INFINITY;
            if (pool.blockMayFit(b, cpu, mem)) {
                ub = refine(b, bound(b));
                skipped |= ub == Double.NEGATIVE_INFINITY; // no score in it can win: skipped uncounted (if it has any)
            }
            bounds[b] = ub;
        }
        best = -1;
        bestScore = Double.NEGATIVE_INFINITY;
        counted = 0;
        passedOver = false;
        while (true) {
            int top = -1;
            for (int b = 0; b < n; b++) {
                double ub = bounds[b];
                if (Double.isNaN(ub)) {
                    top = b; // unknown: scanned first
                    break;
                }
                if (ub != Double.NEGATIVE_INFINITY && (top < 0 || ub > bounds[top])) {
                    top = b;
                }
            }
            if (top < 0) {
                break;
            }
            if (bounds[top] < bestScore) {
                skipped = true; // no block left can beat or tie the best
                break;
            }
            if (loose(top)) {
                double ub = tighten(top, bounds[top]);
                skipped |= ub == Double.NEGATIVE_INFINITY;
                bounds[top] = ub;
                continue; // chosen again if it is still the highest
            }
            bounds[top] = Double.NEGATIVE_INFINITY;
            scanBlock(top);
        }
        placer.record(skipped || passedOver ? -1 : counted, bestScore);
        return best;
    }

    private void scanBlock(int b) {
        scan(b << CandidatePool.BLOCK_SHIFT, Math.min(pool.size(), (b + 1) << CandidatePool.BLOCK_SHIFT));
    }

    /** Next feasible member in {@code [from, to)} or -1. */
    final int nextFit(int from, int to) {
        return pool.nextFit(from, to, cpu, mem, labelOk, excluded);
    }

    /** A feasible member and its score: the higher score wins, an equal one goes to the lower index. */
    final void offer(int i, double s) {
        counted++;
        if (s > bestScore || s == bestScore && i < best) {
            best = i;
            bestScore = s;
        }
    }
}
