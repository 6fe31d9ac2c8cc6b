package org.sharercloud.api.scheduler;

import java.util.List;
import java.util.Locale;

/**
 * What one strategy achieved on one trace replay.
 *
 * @param strategy    strategy name
 * @param tasks       arrivals replayed
 * @param completed   tasks that finished before the simulation ended
 * @param meanWait    mean seconds from arrival to the start of the attempt that completed
 * @param p95Wait     95th percentile of that
 * @param interrupted attempts cut short because their member went away
 * @param preempted   attempts evicted for higher priority work
 * @param utilisation CPU placed / CPU offered by online members
 * @param makespan    seconds from the first arrival to the last completion
 */
public record SimulationResult(String strategy, int tasks, int completed, double meanWait, double p95Wait,
        int interrupted, int preempted, double utilisation, long makespan) {

    /** The results as a Markdown table, one row per strategy (the simulator jar prints the same). */
    public static String table(List<SimulationResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| strategy | tasks | completed | mean wait (s) | p95 wait (s) | interrupted | preempted "
                + "| utilisation | makespan (s) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SimulationResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %d | %d | %.3f | %d |%n",
                    r.strategy(), r.tasks(), r.completed(), r.meanWait(), r.p95Wait(), r.interrupted(),
                    r.preempted(), r.utilisation(), r.makespan()));
        }
        return sb.toString();
    }
}
