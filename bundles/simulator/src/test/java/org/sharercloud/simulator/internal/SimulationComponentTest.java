package org.sharercloud.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.SimulationRequest;
import org.sharercloud.api.scheduler.SimulationResult;

/** The simulator service on a small slice of the bundled traces. */
public class SimulationComponentTest {
    private static String previous;

    @BeforeClass
    public static void traces() {
        previous = System.setProperty(SimulationComponent.TRACES_PROPERTY, "../../data/traces");
    }

    @AfterClass
    public static void restore() {
        if (previous == null) {
            System.clearProperty(SimulationComponent.TRACES_PROPERTY);
        } else {
            System.setProperty(SimulationComponent.TRACES_PROPERTY, previous);
        }
    }

    private static SimulationRequest small(List<String> strategies) {
        return new SimulationRequest(List.of(), List.of(), null, 20, 5, strategies, 300, 4, null);
    }

    @Test
    public void replaysEveryBuiltInStrategyWithProgress() {
        SimulationComponent c = new SimulationComponent();
        assertEquals(List.of("binpack", "first-fit", "forecast", "spread"), c.strategies());
        assertTrue(c.traceDirectory(), Path.of(c.traceDirectory()).endsWith(Path.of("data", "traces")));
        List<String> progress = new ArrayList<>();
        List<SimulationResult> r = c.simulate(small(List.of()), progress::add);
        assertEquals(List.of("binpack", "first-fit", "forecast", "spread"), r.stream().map(SimulationResult::strategy).toList());
        assertEquals(5, progress.size());
        assertTrue(progress.get(0), progress.get(0).startsWith("576 hosts, 40 load traces, 300 arrivals"));
        assertTrue(progress.get(4), progress.get(4).startsWith("spread done in"));
        for (SimulationResult x : r) {
            assertEquals(300, x.tasks());
            assertTrue(x.toString(), x.completed() > 290 && x.p95Wait() >= 0 && x.utilisation() > 0);
        }
        List<SimulationResult> again = c.simulate(small(List.of("forecast", "first-fit")), s -> { });
        assertEquals("same seed, same replay", r.get(2), again.get(0));
        assertEquals(r.get(1), again.get(1));
    }

    @Test
    public void badRequestsNameTheirField() {
        SimulationComponent c = new SimulationComponent();
        expect("strategies", () -> c.simulate(small(List.of("nope")), s -> { }));
        expect("forecaster", () -> c.simulate(new SimulationRequest(List.of(), List.of(), null, 20, 5, List.of(), 300, 4,
                "arima"), s -> { }));
        expect("tasks", () -> c.simulate(new SimulationRequest(List.of(), List.of(), "missing.csv", 20, 5, List.of(), 300,
                4, null), s -> { }));
        expect("availability", () -> c.simulate(new SimulationRequest(List.of("alibaba-v2017/batch_task.csv.gz"),
                List.of(), null, 20, 5, List.of(), 300, 4, null), s -> { }));
        expect("members", () -> c.simulate(new SimulationRequest(List.of(), List.of(), null, 1000, 5, List.of(), 300, 4,
                null), s -> { }));
    }

    private static void expect(String field, Runnable r) {
        try {
            r.run();
            fail("accepted; expected 400 on " + field);
        } catch (ApiException e) {
            assertEquals(e.getMessage(), 400, e.status());
            assertEquals(e.getMessage(), field, e.field());
        }
    }
}
