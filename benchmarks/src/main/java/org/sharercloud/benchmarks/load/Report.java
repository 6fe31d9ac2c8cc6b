package org.sharercloud.benchmarks.load;

import java.util.Arrays;
import java.util.List;

/** The load run's result lines: throughput, latency percentiles, generator lateness, CPU and memory. */
final class Report {
    private Report() {
    }

    static void print(LoadArgs a, int members, List<Worker> workers, double elapsed, long[] cpu0, long[] cpu1) {
        int ok = workers.stream().mapToInt(w -> w.ok).sum();
        long errors = workers.stream().mapToLong(w -> w.errors).sum();
        long[] lat = new long[ok];
        long[] due = new long[ok];
        int i = 0;
        for (Worker w : workers) {
            System.arraycopy(w.latency, 0, lat, i, w.ok);
            System.arraycopy(w.sinceDue, 0, due, i, w.ok);
            i += w.ok;
        }
        Arrays.sort(lat);
        Arrays.sort(due);
        System.out.printf("members=%d interval=%ds offered=%.0f/s connections=%d warmup=%ds measured: ok=%d errors=%d over %.1fs%n", members,
                a.interval, (double) members / a.interval, a.connections, a.warmup, ok, errors, elapsed);
        System.out.printf("throughput=%.0f heartbeats/s  latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n", ok / elapsed,
                pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 99.9), pct(lat, 100));
        System.out.printf("from schedule (latency + generator lateness) ms: p50=%.2f p99=%.2f p99.9=%.2f%n", pct(due, 50), pct(due, 99), pct(due, 99.9));
        double coordinatorCpu = (cpu1[0] - cpu0[0]) / 100.0;
        double generatorCpu = (cpu1[1] - cpu0[1]) / 100.0;
        if (a.pid > 0) {
            System.out.printf("coordinator pid %d: CPU %.0f%% of one core (%.1f CPU-s, %.0f us per heartbeat), RSS %d MB%n", a.pid,
                    100 * coordinatorCpu / elapsed, coordinatorCpu, ok == 0 ? 0 : coordinatorCpu * 1e6 / ok, Proc.rssKb(a.pid) / 1024);
        }
        System.out.printf("generator: CPU %.0f%% of one core (%.0f us per heartbeat)%n", 100 * generatorCpu / elapsed,
                ok == 0 ? 0 : generatorCpu * 1e6 / ok);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
