package org.sharercloud.simulator.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.SimulationRequest;
import org.sharercloud.api.scheduler.SimulationResult;
import org.sharercloud.api.scheduler.SimulationService;

/**
 * The trace simulator as a service. Built-in strategies are replayed as fresh instances; other
 * registered strategies as the registered service. Traces resolve against the system property
 * {@value #TRACES_PROPERTY}, else {@code ${karaf.home}/traces} when it exists, else {@code data/traces}
 * under the working directory (a source checkout).
 */
@Component(service = SimulationService.class)
public class SimulationComponent implements SimulationService {
    public static final String TRACES_PROPERTY = "sharer.traces";
    private final Map<String, PlacementStrategy> registered = new ConcurrentHashMap<>();
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStrategy(PlacementStrategy s) {
        registered.put(s.name(), s);
    }

    void removeStrategy(PlacementStrategy s) {
        registered.remove(s.name(), s);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addForecaster(Forecaster f) {
        forecasters.put(f.name(), f);
    }

    void removeForecaster(Forecaster f) {
        forecasters.remove(f.name(), f);
    }

    @Override
    public List<String> strategies() {
        TreeSet<String> names = new TreeSet<>(SimStrategies.BUILT_IN);
        names.addAll(registered.keySet());
        return List.copyOf(names);
    }

    @Override
    public String traceDirectory() {
        String p = System.getProperty(TRACES_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().toString();
        }
        String home = System.getProperty("karaf.home");
        if (home != null && Files.isDirectory(Path.of(home, "traces"))) {
            return Path.of(home, "traces").toAbsolutePath().toString();
        }
        return Path.of("data", "traces").toAbsolutePath().toString();
    }

    @Override
    public List<SimulationResult> simulate(SimulationRequest req, Consumer<String> progress) {
        Forecaster f = forecaster(req.forecaster());
        List<String> names = req.strategies().isEmpty() ? strategies() : req.strategies();
        List<PlacementStrategy> strategies = new ArrayList<>();
        for (String n : names) {
            PlacementStrategy s = SimStrategies.fresh(n);
            s = s != null ? s : registered.get(n);
            if (s == null) {
                throw ApiException.badRequest("strategies", "unknown strategy '" + n + "'; known: " + strategies());
            }
            strategies.add(s);
        }
        TraceSet traces = TraceSet.read(Path.of(traceDirectory()), req.availability(), req.load(), req.tasks());
        SimConfig cfg = SimConfig.defaults().withMembers(req.members()).withSeed(req.seed())
                .withTasks(req.maxTasks(), req.sampleEvery(), 1.0);
        Simulator sim;
        try {
            sim = new Simulator(cfg, traces.hosts(), traces.loads(), traces.tasks());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("members", e.getMessage());
        }
        return sim.runAll(strategies, f, progress).stream().map(SimResult::toApi).toList();
    }

    private Forecaster forecaster(String name) {
        if (name == null || name.isBlank() || name.equals(ProfileForecaster.NAME)) {
            return new ProfileForecaster();
        }
        Forecaster f = forecasters.get(name);
        if (f == null) {
            TreeSet<String> known = new TreeSet<>(forecasters.keySet());
            known.add(ProfileForecaster.NAME);
            throw ApiException.badRequest("forecaster", "unknown forecaster '" + name + "'; available: " + known);
        }
        return f;
    }
}
