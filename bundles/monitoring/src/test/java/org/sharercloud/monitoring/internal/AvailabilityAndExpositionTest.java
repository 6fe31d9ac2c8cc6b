package org.sharercloud.monitoring.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.FakeMemberService;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.TestStores;

public class AvailabilityAndExpositionTest {
    private static final Instant T10 = Instant.parse("2025-03-01T10:00:00Z");
    private StoreComponent store;
    private ManualClock clock;
    private MonitoringComponent monitoring;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("monitoring");
        clock = new ManualClock(T10);
        monitoring = new MonitoringComponent(store, Fixtures.config(1000), clock);
    }

    @After
    public void tearDown() {
        TestStores.drop(store);
    }

    private static long at(int minutesAfterTen) {
        return T10.plusSeconds(minutesAfterTen * 60L).toEpochMilli();
    }

    @Test
    public void fractionOfEachHourOnlineIsTrackedAndStored() throws Exception {
        monitoring.handleEvent(Fixtures.stateChanged("a", "OFFLINE", "ONLINE", at(0)));
        monitoring.handleEvent(Fixtures.stateChanged("a", "ONLINE", "SUSPECT", at(30)));
        monitoring.handleEvent(Fixtures.stateChanged("a", "SUSPECT", "OFFLINE", at(40)));
        monitoring.handleEvent(Fixtures.heartbeat("a", at(75), 0.1, 10)); // back ONLINE at 11:15
        clock.set(Instant.ofEpochMilli(at(90)));
        monitoring.flush();
        clock.set(Instant.ofEpochMilli(at(105))); // 11:45
        List<HourAvailability> h = monitoring.availability("a", 3);
        assertEquals(3, h.size());
        assertEquals(Instant.parse("2025-03-01T09:00:00Z"), h.get(0).hour());
        assertEquals(0.0, h.get(0).online(), 1e-9);
        assertEquals(0.5, h.get(1).online(), 1e-9);
        assertEquals("30 of the 45 minutes elapsed", 30.0 / 45, h.get(2).online(), 1e-9);

        monitoring.handleEvent(Fixtures.stateChanged("a", "ONLINE", "DRAINING", at(105)));
        monitoring.flush();
        MonitoringComponent restarted = new MonitoringComponent(store, Fixtures.config(1000), clock);
        clock.set(Instant.ofEpochMilli(at(110)));
        List<HourAvailability> again = restarted.availability("a", 2);
        assertEquals("stored across a restart", 0.5, again.get(0).online(), 1e-9);
        assertEquals("30 of the 50 minutes elapsed", 30.0 / 50, again.get(1).online(), 1e-9);
    }

    @Test
    public void prometheusShowsMemberStatesCountersAndLiveMembers() {
        monitoring.members = new FakeMemberService().set(List.of(FakeMemberService.member("x", MemberState.ONLINE),
                FakeMemberService.member("y", MemberState.ONLINE), FakeMemberService.member("z", MemberState.OFFLINE)));
        monitoring.handleEvent(Fixtures.heartbeat("a", at(0), 0.5, 2048));
        monitoring.handleEvent(Fixtures.heartbeat("b", at(0), 0.25, 1024));
        monitoring.handleEvent(Fixtures.heartbeat("a", at(1), 0.75, 2048));
        String text = monitoring.prometheus();
        assertTrue(text, text.contains("sharer_members{state=\"ONLINE\"} 2\n"));
        assertTrue(text, text.contains("sharer_members{state=\"DRAINING\"} 0\n"));
        assertTrue(text, text.contains("sharer_heartbeats_total 3\n"));
        assertTrue(text, text.contains("sharer_member_cpu_load{member=\"a\"} 0.750000\n"));
        assertTrue(text, text.contains("sharer_member_memory_used_bytes{member=\"b\"} 1073741824\n"));
        assertTrue(text, text.contains("# TYPE sharer_heartbeats_total counter\n"));
        monitoring.handleEvent(Fixtures.stateChanged("a", "SUSPECT", "OFFLINE", at(2)));
        text = monitoring.prometheus();
        assertFalse("an OFFLINE member has no live gauges", text.contains("member=\"a\""));
        monitoring.members = null;
        assertTrue(monitoring.prometheus().contains("sharer_members_module_up 0\n"));
    }

    @Test
    public void theWriteQueueIsBoundedAndDropsAreCounted() throws Exception {
        for (int i = 0; i < 1500; i++) {
            monitoring.handleEvent(Fixtures.heartbeat("m" + (i % 7), at(0) + i, 0.5, 100));
        }
        assertTrue(monitoring.prometheus().contains("sharer_metric_samples_dropped_total 500\n"));
        monitoring.flush();
        assertEquals(1000, new MetricRepository(store).count(MetricRepository.RAW));
        assertTrue(monitoring.prometheus().contains("sharer_metric_queue 0\n"));
    }
}
