package org.sharercloud.benchmarks.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Companion to {@link PlacementBenchmark} for a shared, busy machine: runs the same two operations and
 * reports placements per second of this thread's CPU time (one core), which the other processes on
 * the machine cannot distort the way they distort JMH's wall-clock throughput. Warm-up: 2 CPU-seconds,
 * then 3 measured CPU-seconds per case. Run:
 * {@code java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.scheduler.PlacementCpuRate [members strategy]}.
 * Give one case per JVM (as JMH forks do) to keep the strategy call site monomorphic; with no arguments
 * all cases share one JVM, which makes that call site megamorphic and the later cases slower.
 */
public final class PlacementCpuRate {
    private PlacementCpuRate() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[] sizes = args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {1000, 10000, 100000};
        String[] names = args.length > 1 ? new String[] {args[1]} : new String[] {"first-fit", "spread", "binpack", "forecast"};
        if (args.length == 0) {
            System.out.println("| members | strategy | place /CPU-s | place+bind /CPU-s |");
            System.out.println("|---:|---|---:|---:|");
        }
        for (int members : sizes) {
            for (String strategy : names) {
                double[] rates = new double[2];
                for (int op = 0; op < 2; op++) {
                    PlacementBenchmark b = new PlacementBenchmark();
                    b.members = members;
                    b.strategy = strategy;
                    b.setUp();
                    run(b, op, mx, 2_000_000_000L);
                    rates[op] = run(b, op, mx, 3_000_000_000L);
                }
                System.out.printf("| %d | %s | %.0f | %.0f |%n", members, strategy, rates[0], rates[1]);
            }
        }
    }

    private static double run(PlacementBenchmark b, int op, ThreadMXBean mx, long cpuNanos) {
        long start = mx.getCurrentThreadCpuTime();
        long n = 0;
        long sink = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink += op == 0 ? b.place() : b.placeAndBind();
            }
            n += 64;
            now = mx.getCurrentThreadCpuTime();
        } while (now - start < cpuNanos);
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        return n / ((now - start) / 1e9);
    }
}
