package org.sharercloud.benchmarks.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.sim.AvailabilityTraceReader;
import org.sharercloud.scheduler.internal.sim.HostTimeline;
import org.sharercloud.scheduler.internal.sim.LoadTrace;
import org.sharercloud.scheduler.internal.sim.LoadTraceReader;
import org.sharercloud.scheduler.internal.sim.ProfileForecaster;
import org.sharercloud.scheduler.internal.sim.SimConfig;
import org.sharercloud.scheduler.internal.sim.SimReport;
import org.sharercloud.scheduler.internal.sim.SimResult;
import org.sharercloud.scheduler.internal.sim.Simulator;
import org.sharercloud.scheduler.internal.sim.TaskTraceReader;
import org.sharercloud.scheduler.internal.strategy.BinpackStrategy;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.ForecastCache;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

/**
 * Batch entry point of the trace simulator: {@code java -jar benchmarks/target/sharer-simulator.jar [options]}.
 * Replays the arrivals against every strategy with the same seed and prints one Markdown table.
 * Forecasters: the built-in {@code profile} plus any {@link Forecaster} found with {@link ServiceLoader}
 * (list the implementation class in {@code META-INF/services/org.sharercloud.api.forecast.Forecaster}
 * on the class path; it needs a public no-argument constructor). Run with {@code --help} for options.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException {
        SimOptions o = SimOptions.parse(args);
        if (o.help) {
            System.out.println(SimOptions.USAGE);
            return;
        }
        Map<String, Forecaster> forecasters = forecasters();
        Forecaster f = forecasters.get(o.forecaster);
        if (f == null) {
            System.err.println("Error: no forecaster named '" + o.forecaster + "'; available: " + forecasters.keySet());
            System.exit(2);
        }
        List<HostTimeline> hosts = new ArrayList<>();
        for (Path p : o.availability) {
            hosts.addAll(AvailabilityTraceReader.read(p));
        }
        List<LoadTrace> loads = new ArrayList<>();
        for (Path p : expand(o.load)) {
            loads.addAll(LoadTraceReader.read(p));
        }
        var tasks = TaskTraceReader.read(o.tasks);
        Simulator sim = new Simulator(o.config, hosts, loads, tasks);
        System.out.printf("# %d hosts read, %d members simulated; %d load traces; %d of %d arrivals replayed; seed %d; "
                + "forecaster %s%n", hosts.size(), o.config.members(), loads.size(), sim.taskCount(), tasks.size(),
                o.config.seed(), f.name());
        List<SimResult> results = new ArrayList<>();
        for (String name : o.strategies) {
            long start = System.nanoTime();
            SimResult r = sim.run(strategy(name), f);
            results.add(r);
            System.err.printf("%s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        }
        System.out.print(SimReport.table(results));
    }

    static PlacementStrategy strategy(String name) {
        return switch (name) {
            case FirstFitStrategy.NAME -> new FirstFitStrategy();
            case SpreadStrategy.NAME -> new SpreadStrategy();
            case BinpackStrategy.NAME -> new BinpackStrategy();
            case ForecastStrategy.NAME -> new ForecastStrategy(new ForecastCache());
            default -> throw new IllegalArgumentException("unknown strategy " + name);
        };
    }

    static Map<String, Forecaster> forecasters() {
        Map<String, Forecaster> out = new TreeMap<>();
        out.put(ProfileForecaster.NAME, new ProfileForecaster());
        for (Forecaster f : ServiceLoader.load(Forecaster.class)) {
            out.put(f.name(), f);
        }
        return out;
    }

    private static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(x -> x.getFileName().toString().matches("\\d+\\.csv(\\.gz)?")).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
