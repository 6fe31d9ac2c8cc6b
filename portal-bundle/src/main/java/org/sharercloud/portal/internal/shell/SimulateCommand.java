package org.sharercloud.portal.internal.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.SimulationRequest;
import org.sharercloud.api.scheduler.SimulationResult;
import org.sharercloud.api.scheduler.SimulationService;

/**
 * {@code sharer:simulate}: replays availability, owner-load and arrival traces against placement
 * strategies (offline, with the same seed) and prints the simulator's table. Progress: one line when
 * the traces are read and one per finished strategy. Ctrl-C stops it.
 */
@Service
@Command(scope = "sharer", name = "simulate", description = "Replays traces against the placement strategies and compares them")
public class SimulateCommand implements Action {
    @Reference(optional = true)
    SimulationService simulation;

    @Option(name = "--availability", aliases = "-a", multiValued = true,
            description = "host up/down trace (FTA event_trace or smartphone sessions); repeatable [bundled smartphone trace]")
    @Completion(FileCompleter.class)
    List<String> availability;

    @Option(name = "--load", aliases = "-l", multiValued = true,
            description = "Bitbrains VM file or directory of them; repeatable [bundled Bitbrains subset]")
    @Completion(FileCompleter.class)
    List<String> load;

    @Option(name = "--tasks", aliases = "-t", description = "Alibaba v2017 batch_task table [bundled]")
    @Completion(FileCompleter.class)
    String tasks;

    @Option(name = "--members", aliases = "-m", description = "simulated members [60]")
    int members = SimulationRequest.DEFAULT_MEMBERS;

    @Option(name = "--seed", aliases = "-s", description = "seed of the member draw [42]")
    long seed = SimulationRequest.DEFAULT_SEED;

    @Option(name = "--strategies", description = "comma-separated strategy names [all the simulator knows]")
    String strategies;

    @Option(name = "--max-tasks", description = "replay at most this many arrivals, 0 = all sampled [0]")
    int maxTasks;

    @Option(name = "--sample", description = "keep every n-th arrival [4]")
    int sample = SimulationRequest.DEFAULT_SAMPLE_EVERY;

    @Option(name = "--forecaster", aliases = "-f", description = "forecaster of the forecast strategy [profile, built in]")
    String forecaster;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        if (simulation == null) {
            out.println("Error: the simulator is not installed (feature sharer-simulator; it may be left out of the coordinator)");
            return;
        }
        try {
            SimulationRequest req = request();
            out.println("Traces from " + simulation.traceDirectory() + " (relative paths resolve there)");
            List<SimulationResult> results = simulation.simulate(req, line -> {
                out.println(line);
                out.flush();
            });
            out.print(SimulationResult.table(results));
        } catch (ApiException e) {
            out.println("Error: " + e.getMessage());
        } catch (CancellationException e) {
            out.println("Simulation interrupted");
        }
    }

    /** The options as a request; 400 naming the option's field when one is out of range. */
    SimulationRequest request() {
        List<String> names = new ArrayList<>();
        if (strategies != null) {
            for (String s : strategies.split(",")) {
                if (s.isBlank()) {
                    throw ApiException.badRequest("strategies", "--strategies needs comma-separated names, got '" + strategies + "'");
                }
                names.add(s.strip());
            }
        }
        return new SimulationRequest(strip(availability), strip(load), tasks == null ? null : tasks.strip(), members,
                seed, names, maxTasks, sample, forecaster);
    }

    private static List<String> strip(List<String> l) {
        return l == null ? List.of() : Arrays.asList(l.stream().map(String::strip).toArray(String[]::new));
    }
}
