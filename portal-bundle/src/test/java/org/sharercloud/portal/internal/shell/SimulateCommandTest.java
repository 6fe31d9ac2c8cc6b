package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.SimulationRequest;
import org.sharercloud.api.scheduler.SimulationResult;
import org.sharercloud.api.scheduler.SimulationService;

public class SimulateCommandTest {
    /** Records the request and answers one result per strategy, reporting progress like the real one. */
    static final class FakeSimulation implements SimulationService {
        SimulationRequest seen;

        @Override
        public List<String> strategies() {
            return List.of("first-fit", "forecast");
        }

        @Override
        public String traceDirectory() {
            return "/traces";
        }

        @Override
        public List<SimulationResult> simulate(SimulationRequest request, Consumer<String> progress) {
            seen = request;
            if (request.strategies().contains("nope")) {
                throw ApiException.badRequest("strategies", "unknown strategy 'nope'; known: " + strategies());
            }
            List<SimulationResult> out = new ArrayList<>();
            for (String s : request.strategies().isEmpty() ? strategies() : request.strategies()) {
                out.add(new SimulationResult(s, 10, 9, 1.5, 4, 2, 0, 0.25, 100));
                progress.accept(s + " done");
            }
            return out;
        }
    }

    private static String run(SimulateCommand c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void optionsBecomeTheRequest() {
        SimulateCommand c = new SimulateCommand();
        SimulationRequest d = c.request();
        assertEquals(SimulationRequest.defaults(), d);
        c.availability = List.of(" a.tab.gz ", "b.txt");
        c.load = List.of("vms");
        c.tasks = "t.csv";
        c.members = 7;
        c.seed = 3;
        c.strategies = "spread, forecast";
        c.maxTasks = 100;
        c.sample = 2;
        c.forecaster = "arima";
        assertEquals(new SimulationRequest(List.of("a.tab.gz", "b.txt"), List.of("vms"), "t.csv", 7, 3,
                List.of("spread", "forecast"), 100, 2, "arima"), c.request());
    }

    @Test
    public void badOptionsAreOneLineReasons() {
        String[][] cases = {{"members", "0"}, {"maxTasks", "-1"}, {"sampleEvery", "0"}, {"strategies", "a,,b"}};
        for (String[] k : cases) {
            SimulateCommand c = new SimulateCommand();
            c.simulation = new FakeSimulation();
            switch (k[0]) {
                case "members" -> c.members = Integer.parseInt(k[1]);
                case "maxTasks" -> c.maxTasks = Integer.parseInt(k[1]);
                case "sampleEvery" -> c.sample = Integer.parseInt(k[1]);
                default -> c.strategies = k[1];
            }
            try {
                c.request();
                fail(k[0] + "=" + k[1] + " accepted");
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals(k[0], e.field());
            }
            String out = run(c);
            assertTrue(out, out.startsWith("Error: ") && out.strip().lines().count() == 1);
            assertEquals("nothing simulated for " + k[0], null, ((FakeSimulation) c.simulation).seen);
        }
    }

    @Test
    public void unknownStrategyFromTheServiceIsOneLine() {
        SimulateCommand c = new SimulateCommand();
        c.simulation = new FakeSimulation();
        c.strategies = "nope";
        String out = run(c);
        assertTrue(out, out.contains("Error: unknown strategy 'nope'"));
        assertFalse(out, out.contains("Exception"));
    }

    @Test
    public void printsProgressThenTheTable() {
        SimulateCommand c = new SimulateCommand();
        FakeSimulation f = new FakeSimulation();
        c.simulation = f;
        c.strategies = "first-fit,forecast";
        String out = run(c);
        assertTrue(out, out.indexOf("first-fit done") < out.indexOf("forecast done"));
        assertTrue(out, out.indexOf("forecast done") < out.indexOf("| strategy |"));
        assertTrue(out, out.contains("| forecast | 10 | 9 | 1.5 | 4.0 | 2 | 0 | 0.250 | 100 |"));
        assertEquals(List.of("first-fit", "forecast"), f.seen.strategies());
    }

    @Test
    public void withoutTheSchedulerSaysSo() {
        String out = run(new SimulateCommand());
        assertTrue(out, out.startsWith("Error: the simulator is not installed"));
    }
}
