package org.sharercloud.scheduler.internal.sim;

import java.util.List;

/** Formats results as a Markdown table. */
public final class SimReport {
    private SimReport() {
    }

    public static String table(List<SimResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| strategy | tasks | completed | mean wait (s) | p95 wait (s) | interrupted | preempted | utilisation | makespan (s) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SimResult r : results) {
            sb.append(String.format("| %s | %d | %d | %.1f | %.1f | %d | %d | %.3f | %d |%n", r.strategy(), r.tasks(),
                    r.completed(), r.meanWait(), r.p95Wait(), r.interrupted(), r.preempted(), r.utilisation(),
                    r.makespan()));
        }
        return sb.toString();
    }
}
