package org.sharercloud.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.ForecastCache;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

/** Replays the trace subsets in data/traces (see its README) with the documented default settings. */
public class SimulatorTest {
    static final Path TRACES = Path.of("../../data/traces");
    static List<HostTimeline> phones;
    static List<LoadTrace> loads;
    static List<TaskArrival> tasks;

    @BeforeClass
    public static void read() throws Exception {
        phones = AvailabilityTraceReader.read(TRACES.resolve("availability/smartphone_sessions_80_first7day_per_user.txt.gz"));
        loads = new ArrayList<>();
        try (Stream<Path> s = Files.list(TRACES.resolve("bitbrains-rnd-2013-7"))) {
            for (Path p : s.sorted().toList()) {
                loads.addAll(LoadTraceReader.read(p));
            }
        }
        tasks = TaskTraceReader.read(TRACES.resolve("alibaba-v2017/batch_task.csv.gz"));
    }

    @Test
    public void readsTheTraceFormats() throws Exception {
        assertEquals(576, phones.size());
        assertTrue(phones.stream().allMatch(h -> h.length() >= 7 * 86400));
        double meanUp = phones.stream().mapToDouble(HostTimeline::upFraction).average().orElseThrow();
        assertTrue("smartphones are online a minority of the time: " + meanUp, meanUp > 0.1 && meanUp < 0.6);
        assertEquals(40, loads.size());
        assertEquals(2016, loads.get(0).load().length);
        assertTrue(loads.stream().allMatch(l -> l.stepSeconds() == 300));
        assertEquals("Terminated tasks with a CPU request and a positive lifetime", 66982, tasks.size());
        assertEquals(0, tasks.get(0).arrival());
        assertTrue(tasks.stream().allMatch(t -> t.cpuMillis() > 0 && t.durationSeconds() > 0));
        List<HostTimeline> lanl = AvailabilityTraceReader.read(TRACES.resolve("availability/lanl_fta_event_trace.tab.gz"));
        assertEquals(3577, lanl.size());
    }

    @Test
    public void timelineAnswersUpAndOutages() {
        HostTimeline h = new HostTimeline("h", new long[] {0, 100}, new long[] {50, 200}, 300);
        assertTrue(h.up(0));
        assertFalse(h.up(50));
        assertTrue(h.upThroughout(100, 200));
        assertFalse(h.upThroughout(40, 110));
        assertEquals(150, h.upSeconds(0, 300));
        assertFalse("after the trace the host is gone", h.up(250));
    }

    @Test
    public void forecastBeatsFirstFitAndSpreadOnInterruptionsAndP95Wait() {
        Simulator sim = new Simulator(SimConfig.defaults(), phones, loads, tasks);
        SimResult ff = sim.run(new FirstFitStrategy(), new ProfileForecaster());
        SimResult spread = sim.run(new SpreadStrategy(), new ProfileForecaster());
        SimResult fc = sim.run(new ForecastStrategy(new ForecastCache()), new ProfileForecaster());
        String table = SimReport.table(List.of(ff, spread, fc));
        System.out.print(table);
        assertTrue(table, ff.completed() > 0.99 * ff.tasks());
        assertTrue(table, ff.interrupted() > 0);
        assertTrue(table, fc.interrupted() < ff.interrupted() && fc.interrupted() < spread.interrupted());
        assertTrue(table, fc.p95Wait() < ff.p95Wait() && fc.p95Wait() < spread.p95Wait());
        assertTrue(table, fc.completed() >= ff.completed() && fc.completed() >= spread.completed());
    }
}
