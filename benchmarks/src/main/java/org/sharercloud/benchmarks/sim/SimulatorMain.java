package org.sharercloud.benchmarks.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.simulator.internal.ProfileForecaster;
import org.sharercloud.simulator.internal.SimReport;
import org.sharercloud.simulator.internal.SimResult;
import org.sharercloud.simulator.internal.SimStrategies;
import org.sharercloud.simulator.internal.Simulator;
import org.sharercloud.simulator.internal.TraceSet;

/**
 * Batch entry point of the trace simulator: {@code java -jar benchmarks/target/sharer-simulator.jar [options]}.
 * Replays the arrivals against every strategy with the same seed and prints one Markdown table (the
 * same as {@code sharer:simulate}). Forecasters: the built-in {@code profile} plus any {@link Forecaster}
 * found with {@link ServiceLoader} (list the implementation class in
 * {@code META-INF/services/org.sharercloud.api.forecast.Forecaster} on the class path; it needs a public
 * no-argument constructor). Run with {@code --help} for options.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        try {
            SimOptions o = SimOptions.parse(args);
            if (o.help) {
                System.out.println(SimOptions.USAGE);
                return;
            }
            Map<String, Forecaster> forecasters = forecasters();
            Forecaster f = forecasters.get(o.forecaster);
            if (f == null) {
                throw new IllegalArgumentException("no forecaster named '" + o.forecaster + "'; available: "
                        + forecasters.keySet());
            }
            List<PlacementStrategy> strategies = new ArrayList<>();
            for (String name : o.strategies) {
                PlacementStrategy s = SimStrategies.fresh(name);
                if (s == null) {
                    throw new IllegalArgumentException("unknown strategy " + name + "; known: " + SimStrategies.BUILT_IN);
                }
                strategies.add(s);
            }
            TraceSet traces = TraceSet.read(SimOptions.TRACES, o.availability, o.load, o.tasks);
            List<Long> seeds = o.seeds.isEmpty() ? List.of(o.config.seed()) : o.seeds;
            StringBuilder summary = new StringBuilder("| seed | " + String.join(" | ", o.strategies)
                    + " | forecast beats first-fit and spread on both? |\n|---:|" + "---|".repeat(o.strategies.size() + 1) + "\n");
            for (long seed : seeds) {
                Simulator sim = new Simulator(o.config.withSeed(seed), traces.hosts(), traces.loads(), traces.tasks());
                List<PlacementStrategy> fresh = strategies.stream().map(s -> SimStrategies.fresh(s.name())).toList();
                List<SimResult> results = sim.runAll(fresh, f, line -> System.err.println("# " + line));
                System.out.printf("# seed %d, %d members, %d arrivals%n", seed, o.config.members(), sim.taskCount());
                System.out.print(SimReport.table(results));
                summary.append(summaryRow(seed, results));
            }
            if (seeds.size() > 1) {
                System.out.println("# interrupted / p95 wait (s)");
                System.out.print(summary);
            }
        } catch (ApiException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(2);
        }
    }

    static String summaryRow(long seed, List<SimResult> results) {
        StringBuilder row = new StringBuilder("| " + seed + " |");
        SimResult fc = null;
        boolean wins = true;
        for (SimResult r : results) {
            row.append(String.format(" %d / %.0f |", r.interrupted(), r.p95Wait()));
            fc = r.strategy().equals("forecast") ? r : fc;
        }
        for (SimResult r : results) {
            if (fc != null && (r.strategy().equals("first-fit") || r.strategy().equals("spread"))) {
                wins &= fc.interrupted() < r.interrupted() && fc.p95Wait() < r.p95Wait();
            }
        }
        return row.append(fc == null ? " - |" : wins ? " yes |" : " **no** |").append('\n').toString();
    }

    static Map<String, Forecaster> forecasters() {
        Map<String, Forecaster> out = new TreeMap<>();
        out.put(ProfileForecaster.NAME, new ProfileForecaster());
        for (Forecaster f : ServiceLoader.load(Forecaster.class)) {
            out.put(f.name(), f);
        }
        return out;
    }
}
