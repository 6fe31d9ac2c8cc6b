package org.sharercloud.scheduler.internal.loop;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/**
 * Feasibility and scoring for one demand: scans the pool, asks the strategy to score each member
 * that fits, and keeps the best (ties to the earlier member). Strategies implementing {@link PoolScoring}
 * run that scan themselves over the pool's arrays. Remembers the last decision's numbers for the
 * placement reason. One instance per thread.
 */
public final class Placer {
    private int feasible;
    private double bestScore;
    private Demand lastDemand;
    private CandidatePool lastPool;

    /** The index of the best member for the demand, or -1 when none fits or the strategy refuses all. */
    public int best(Demand d, CandidatePool pool, PlacementStrategy strategy) {
        feasible = 0;
        bestScore = Double.NEGATIVE_INFINITY;
        if (d.cpuMillis() > pool.maxCpuFree()) {
            return -1;
        }
        if (strategy instanceof PoolScoring fast) {
            lastDemand = d;
            lastPool = pool;
            return fast.best(d, pool, this);
        }
        int cpu = d.cpuMillis();
        int mem = d.memoryMb();
        boolean[] labelOk = pool.labelCheck(d);
        java.util.Set<String> excluded = CandidatePool.exclusions(d);
        int best = -1;
        double bestSoFar = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int i = 0, n = pool.size(); i < n; i++) {
            if (!pool.fitsNow(i, cpu, mem, labelOk, excluded)) {
                continue;
            }
            count++;
            double s = strategy.score(d, pool.candidate(i));
            if (s > bestSoFar) {
                bestSoFar = s;
                best = i;
                if (s == Double.POSITIVE_INFINITY) {
                    break; // "take this one": nothing later can win, ties go to the earlier member
                }
            }
        }
        feasible = count;
        bestScore = bestSoFar;
        return best;
    }

    /**
     * For {@link PoolScoring} implementations: the number of feasible members, or -1 when the scan
     * skipped some without counting them (then it is counted when asked for), and the winning score.
     */
    public void record(int feasibleMembers, double winningScore) {
        feasible = feasibleMembers;
        bestScore = winningScore;
    }

    /** Members that fitted in the last call (ask before allocating on the winner: a skipped count is taken then). */
    public int feasible() {
        if (feasible < 0) {
            feasible = lastPool.countFits(lastDemand);
        }
        return feasible;
    }

    /** Score of the winner in the last call. */
    public double bestScore() {
        return bestScore;
    }

    /** Why the last winner was chosen, for the attempt record. */
    public String reason(String strategy, Demand d, CandidatePool pool, int index) {
        if (bestScore == Double.POSITIVE_INFINITY) {
            return String.format("%s: first feasible member (%d of %d members eligible); needs %dm cpu / %d MB",
                    strategy, pool.size(), pool.size() + pool.excluded().size(), d.cpuMillis(), d.memoryMb());
        }
        return String.format("%s: best score %.4f of %d feasible members (%d of %d members eligible); "
                + "needs %dm cpu / %d MB", strategy, bestScore, feasible(), pool.size(),
                pool.size() + pool.excluded().size(), d.cpuMillis(), d.memoryMb());
    }
}
