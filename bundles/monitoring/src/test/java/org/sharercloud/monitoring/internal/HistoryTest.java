package org.sharercloud.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.TestStores;

public class HistoryTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private StoreComponent store;
    private ManualClock clock;
    private MonitoringComponent monitoring;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("monitoring");
        clock = new ManualClock(T0);
        monitoring = new MonitoringComponent(store, Fixtures.config(100_000), clock);
    }

    @After
    public void tearDown() {
        TestStores.drop(store);
    }

    /** Two members, one heartbeat every 5 s for two hours; member a's cpu is 0.2 in even minutes, 0.4 in odd ones. */
    private void feedTwoHours() {
        for (long s = 0; s < 7200; s += 5) {
            long ts = T0.toEpochMilli() + s * 1000;
            monitoring.handleEvent(Fixtures.heartbeat("a", ts, (s / 60) % 2 == 0 ? 0.2 : 0.4, 1000 + s / 60));
            monitoring.handleEvent(Fixtures.heartbeat("b", ts, 0.9, 50));
        }
        monitoring.flush();
    }

    @Test
    public void rawHistoryIsAveragedIntoSteps() {
        feedTwoHours();
        List<MetricPoint> minute = monitoring.history("a", T0, T0.plusSeconds(180), Duration.ofMinutes(1));
        assertEquals(3, minute.size());
        assertEquals(T0, minute.get(0).time());
        assertEquals(0.2, minute.get(0).cpuLoad(), 1e-9);
        assertEquals(0.4, minute.get(1).cpuLoad(), 1e-9);
        assertEquals(12, minute.get(1).samples());
        assertEquals(1001, minute.get(1).memoryUsedMb());
        List<MetricPoint> twoMinutes = monitoring.history("a", T0, T0.plusSeconds(7200), Duration.ofMinutes(2));
        assertEquals(60, twoMinutes.size());
        assertEquals(0.3, twoMinutes.get(17).cpuLoad(), 1e-9);
        assertEquals(0.1, twoMinutes.get(17).ownerLoad() - 0.05, 1e-9);
        assertEquals(24, twoMinutes.get(17).samples());
        assertEquals("other members do not leak in", 0.9, monitoring.history("b", T0, T0.plusSeconds(60), Duration.ofMinutes(1)).get(0).cpuLoad(), 1e-9);
        assertEquals(List.of(), monitoring.history("nobody", T0, T0.plusSeconds(60), Duration.ofMinutes(1)));
    }

    @Test
    public void oldSamplesAreDownsampledToMinutesThenQuartersAndFinallyDeleted() throws Exception {
        feedTwoHours();
        MetricRepository repo = new MetricRepository(store);
        assertEquals(2 * 1440, repo.count(MetricRepository.RAW));
        clock.set(T0.plus(Duration.ofHours(25)).plusSeconds(1800)); // the first 1.5 h are older than 24 h
        monitoring.compact();
        assertEquals("only the last 30 minutes stay raw", 2 * 360, repo.count(MetricRepository.RAW));
        assertEquals(2 * 90, repo.count(MetricRepository.MINUTE));
        List<MetricPoint> minute = monitoring.history("a", T0, T0.plusSeconds(180), Duration.ofMinutes(1));
        assertEquals(0.4, minute.get(1).cpuLoad(), 1e-9);
        assertEquals("a 1-minute point stands for its 12 samples", 12, minute.get(1).samples());
        assertSameOverallAverage();

        clock.set(T0.plus(Duration.ofDays(8)));
        monitoring.compact();
        assertEquals(0, repo.count(MetricRepository.RAW));
        assertEquals(0, repo.count(MetricRepository.MINUTE));
        assertEquals("two hours are eight 15-minute points per member", 2 * 8, repo.count(MetricRepository.QUARTER));
        List<MetricPoint> quarters = monitoring.history("a", T0, T0.plusSeconds(7200), Duration.ofMinutes(15));
        assertEquals(8, quarters.size());
        assertEquals(180, quarters.get(0).samples());
        assertEquals((8 * 0.2 + 7 * 0.4) / 15, quarters.get(0).cpuLoad(), 1e-9);
        assertSameOverallAverage();

        clock.set(T0.plus(Duration.ofDays(31)));
        monitoring.compact();
        assertEquals(0, repo.count(MetricRepository.QUARTER));
    }

    private void assertSameOverallAverage() {
        List<MetricPoint> all = monitoring.history("a", T0, T0.plusSeconds(7200), Duration.ofHours(2));
        assertEquals(1, all.size());
        assertEquals(1440, all.get(0).samples());
        assertEquals(0.3, all.get(0).cpuLoad(), 1e-9);
    }

    @Test
    public void historySurvivesARestart() throws Exception {
        feedTwoHours();
        monitoring.deactivate();
        MonitoringComponent again = new MonitoringComponent(store, Fixtures.config(100_000), clock);
        assertEquals(1440, again.history("a", T0, T0.plusSeconds(7200), Duration.ofHours(2)).get(0).samples());
    }

    @Test
    public void badRangesAre400NamingTheField() {
        assertStatus("from", () -> monitoring.history("a", T0, T0, Duration.ofMinutes(1)));
        assertStatus("step", () -> monitoring.history("a", T0, T0.plusSeconds(60), Duration.ZERO));
        assertStatus("step", () -> monitoring.history("a", T0, T0.plus(Duration.ofDays(30)), Duration.ofSeconds(1)));
        assertStatus("hours", () -> monitoring.availability("a", 0));
    }

    static void assertStatus(String field, Runnable r) {
        try {
            r.run();
            fail("expected 400 on " + field);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals(field, e.field());
        }
    }
}
