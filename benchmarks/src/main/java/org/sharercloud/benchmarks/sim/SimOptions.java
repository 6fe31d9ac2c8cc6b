package org.sharercloud.benchmarks.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sharercloud.simulator.internal.SimConfig;

/** Command-line options of {@link SimulatorMain}. */
final class SimOptions {
    static final String USAGE = """
            java -jar sharer-simulator.jar [options]
              --tasks FILE           Alibaba v2017 batch_task table (.csv or .csv.gz)   [data/traces/alibaba-v2017/batch_task.csv.gz]
              --availability FILE    FTA event_trace (LANL) or smartphone session file; repeatable
                                     [data/traces/availability/smartphone_sessions_80_first7day_per_user.txt.gz]
              --load FILE|DIR        Bitbrains VM file(s) (per-VM ';\\t' files or the combined CSV); repeatable
                                     [data/traces/bitbrains-rnd-2013-7]
              --members N            simulated members                 [60]
              --seed N               seed of the member draw           [42]
              --warmup-hours N       history before the first arrival  [96]
              --sample N             keep every N-th arrival           [4]
              --max-tasks N          at most N arrivals (0 = all)      [0]
              --stretch X            multiply arrival times by X       [1.0]
              --step N               time step in seconds              [10]
              --forecaster NAME      forecaster of the forecast strategy [profile]
              --strategies A,B,...   [first-fit,spread,binpack,forecast]
              --seeds A,B,...        run each seed, print every table and a per-seed summary
                                     (interrupted / p95 wait; does forecast beat first-fit and spread on both?)
            """;
    SimConfig config = SimConfig.defaults();
    /** Trace directory the defaults resolve against (given paths are made absolute). */
    static final Path TRACES = Path.of("data/traces");
    String tasks;
    List<String> availability = new ArrayList<>();
    List<String> load = new ArrayList<>();
    String forecaster = "profile";
    List<String> strategies = List.of("first-fit", "spread", "binpack", "forecast");
    List<Long> seeds = List.of();
    boolean help;

    static SimOptions parse(String[] args) {
        SimOptions o = new SimOptions();
        SimConfig c = o.config;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--tasks" -> o.tasks = abs(v);
                case "--availability" -> o.availability.add(abs(v));
                case "--load" -> o.load.add(abs(v));
                case "--members" -> c = c.withMembers(Integer.parseInt(v));
                case "--seed" -> c = c.withSeed(Long.parseLong(v));
                case "--warmup-hours" -> c = c.withWarmup(Long.parseLong(v) * 3600);
                case "--sample" -> c = c.withTasks(c.maxTasks(), Integer.parseInt(v), c.arrivalStretch());
                case "--max-tasks" -> c = c.withTasks(Integer.parseInt(v), c.sampleEvery(), c.arrivalStretch());
                case "--stretch" -> c = c.withTasks(c.maxTasks(), c.sampleEvery(), Double.parseDouble(v));
                case "--step" -> c = new SimConfig(c.members(), c.seed(), c.warmupSeconds(), Integer.parseInt(v),
                        c.maxTasks(), c.sampleEvery(), c.arrivalStretch(), c.drainSeconds(), c.refreshSeconds(),
                        c.historyHours(), c.maxCores());
                case "--forecaster" -> o.forecaster = v;
                case "--strategies" -> o.strategies = List.of(v.split(","));
                case "--seeds" -> o.seeds = java.util.Arrays.stream(v.split(",")).map(x -> Long.parseLong(x.strip())).toList();
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (c.members() < 1 || c.sampleEvery() < 1 || c.maxTasks() < 0 || c.stepSeconds() < 1 || c.arrivalStretch() <= 0) {
            throw new IllegalArgumentException("--members, --sample, --step and --stretch must be positive, --max-tasks 0 or more");
        }
        o.config = c;
        return o;
    }

    private static String abs(String v) {
        return Path.of(v).toAbsolutePath().toString();
    }
}
