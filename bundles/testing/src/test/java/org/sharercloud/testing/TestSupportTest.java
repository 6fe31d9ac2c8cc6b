package org.sharercloud.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.event.Event;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.store.internal.StoreComponent;

/** The shared test support does what the modules' tests rely on. */
public class TestSupportTest {
    /** A configuration annotation as the modules write them. */
    @interface SampleConfig {
        String PID = "org.sharercloud.sample";

        double credit_weight() default 1.0;

        int flush_millis() default 1000;

        String strategy() default "bin-packing";

        boolean preemption_enabled() default true;
    }

    @Test
    public void configsFollowTheCfgSpellingAndKeepTheDefaults() {
        SampleConfig c = Configs.of(SampleConfig.class, Map.of("credit.weight", 2.5, "strategy", "spread", "preemption.enabled", "false"));
        assertEquals(2.5, c.credit_weight(), 0);
        assertEquals("spread", c.strategy());
        assertFalse("strings convert as in a .cfg file", c.preemption_enabled());
        assertEquals("what the map leaves out keeps its default", 1000, c.flush_millis());
        assertEquals(1.0, Configs.defaults(SampleConfig.class).credit_weight(), 0);
    }

    @Test
    public void theManualClockMovesOnlyWhenTold() {
        ManualClock clock = new ManualClock();
        assertEquals(ManualClock.NOON, clock.instant());
        clock.advanceSeconds(30);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(ManualClock.NOON.plusSeconds(90), clock.instant());
        assertEquals(ManualClock.NOON.plusSeconds(90).toEpochMilli(), clock.millis());
    }

    @Test
    public void theFakeMembersAreConfigurable() {
        FakeMemberService members = new FakeMemberService().set(List.of(FakeMemberService.member("a", MemberState.ONLINE),
                FakeMemberService.member("b", MemberState.ONLINE, false)));
        members.state("a", MemberState.OFFLINE);
        assertEquals(MemberState.OFFLINE, members.get("a").state());
        assertTrue(members.get("a").host().dockerAvailable());
        assertFalse(members.get("b").host().dockerAvailable());
        assertEquals(List.of("a", "b"), members.list().stream().map(m -> m.id()).toList());
        assertEquals(Integer.valueOf(1), members.countByState().get(MemberState.OFFLINE));
        assertEquals(Integer.valueOf(0), members.countByState().get(MemberState.SUSPECT));
        members.reportPlaced("b", 500, 64);
        assertEquals(500, members.placed("b")[0]);
        members.remove("a");
        try {
            members.get("a");
            fail("a removed member is 404");
        } catch (ApiException e) {
            assertEquals(404, e.status());
        }
    }

    @Test
    public void theRecordingEventAdminRecordsInOrder() {
        RecordingEventAdmin events = new RecordingEventAdmin();
        events.postEvent(new Event(MemberEvents.STATE_CHANGED, Map.of(MemberEvents.MEMBER_ID, "m", MemberEvents.FROM, "ONLINE",
                MemberEvents.TO, "SUSPECT")));
        events.sendEvent(new Event(MemberEvents.HEARTBEAT, Map.of(MemberEvents.MEMBER_ID, "m")));
        assertEquals(List.of(MemberEvents.STATE_CHANGED, MemberEvents.HEARTBEAT), events.topics());
        assertEquals(List.of("ONLINE->SUSPECT"), events.transitions("m"));
        assertEquals(1, events.count("/HEARTBEAT"));
        events.clear();
        assertTrue(events.events().isEmpty());
    }

    @Test
    public void aTestStoreIsMigratedAndDropped() throws Exception {
        StoreComponent store = TestStores.create("testing");
        try (Connection c = store.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "WL_WORKLOAD", null)) {
            assertTrue("every migration applied", rs.next());
        }
        TestStores.drop(store);
        try {
            TestStores.open(store.url().replace(";create=true", ""), 2);
            fail("a dropped in-memory database is gone");
        } catch (SQLException | RuntimeException expected) {
            // no database to open
        }
    }
}
