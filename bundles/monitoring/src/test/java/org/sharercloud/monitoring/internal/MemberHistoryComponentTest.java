package org.sharercloud.monitoring.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.FakeMemberService;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.TestStores;

/** The forecast strategy's view of a member: hourly availability and owner load from monitoring's own records. */
public class MemberHistoryComponentTest {
    private static final Instant T10 = Instant.parse("2025-03-01T10:00:00Z");
    private StoreComponent store;
    private ManualClock clock;
    private MonitoringComponent monitoring;
    private FakeMemberService members;
    private MemberHistoryComponent history;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("monitoring");
        clock = new ManualClock(T10);
        monitoring = new MonitoringComponent(store, Fixtures.config(100_000), clock);
        Member a = FakeMemberService.member("a", MemberState.ONLINE);
        members = new FakeMemberService().put(new Member(a.id(), a.name(), a.state(), false, a.host(), null, null, a.capacity(),
                null, T10.plusSeconds(1800), null)); // joined 10:30
        history = new MemberHistoryComponent(monitoring, members, clock);
    }

    @After
    public void tearDown() {
        TestStores.drop(store);
    }

    private static long at(int minutesAfterTen) {
        return T10.plusSeconds(minutesAfterTen * 60L).toEpochMilli();
    }

    @Test
    public void hoursSinceJoiningWithAvailabilityAndOwnerLoad() {
        monitoring.handleEvent(Fixtures.stateChanged("a", "OFFLINE", "ONLINE", at(30)));
        for (int s = 30 * 60; s < 90 * 60; s += 60) { // heartbeats 10:30-11:30, cpu 0.4 then 0.8 (owner load is half of it)
            monitoring.handleEvent(Fixtures.heartbeat("a", T10.toEpochMilli() + s * 1000L, s < 60 * 60 ? 0.4 : 0.8, 100));
        }
        monitoring.handleEvent(Fixtures.stateChanged("a", "ONLINE", "OFFLINE", at(90)));
        clock.set(Instant.ofEpochMilli(at(150))); // 12:30: three hours known (10, 11, 12)
        monitoring.flush();

        assertEquals(List.of("a"), history.memberIds());
        double[] online = history.hourlyAvailability("a", 168);
        assertArrayEquals("10:00 half online, 11:00 half, 12:00 offline", new double[] {0.5, 0.5, 0.0}, online, 1e-9);
        double[] owner = history.hourlyOwnerLoad("a", 168);
        assertEquals("the same hours as availability", online.length, owner.length);
        assertEquals(0.2, owner[0], 1e-9);
        assertEquals(0.4, owner[1], 1e-9);
        assertTrue("no samples in the current hour: NaN", Double.isNaN(owner[2]));

        assertEquals("the most recent hours only", 2, history.hourlyAvailability("a", 2).length);
        assertEquals(0.4, history.hourlyOwnerLoad("a", 2)[0], 1e-9);
        assertEquals(0, history.hourlyAvailability("nobody", 168).length);
        assertEquals(0, history.hourlyOwnerLoad("nobody", 168).length);
    }
}
