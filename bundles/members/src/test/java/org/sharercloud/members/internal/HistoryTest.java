package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.members.internal.JoinTest.assertStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.MemberTransition;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.testing.TestStores;

/** State changes with their reasons, in the store, paged; the owner-load hysteresis end to end through heartbeats. */
public class HistoryTest {
    private static final SharingPolicy HYSTERESIS = new SharingPolicy(1.0, 8192, "0-24", true, 0.6, 15, 30, 0.1);

    private StoreComponent store;
    private ManualClock clock;
    private RecordingEventAdmin events;
    private MemberServiceImpl members;
    private String token;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("members");
        clock = new ManualClock();
        events = new RecordingEventAdmin();
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        token = members.createJoinToken(Duration.ofHours(1), 100).token();
    }

    @After
    public void tearDown() {
        members.deactivate();
        TestStores.drop(store);
    }

    private String join(String machine, SharingPolicy policy) {
        return members.join(new JoinRequest(token, null, Fixtures.host(machine), policy)).memberId();
    }

    private void beat(String id, double owner) {
        clock.advanceSeconds(5);
        members.heartbeat(id, new Heartbeat(Fixtures.metrics(Math.min(1, owner + 0.3), owner), null, null));
        members.tick();
    }

    private List<String> history(String id) {
        List<MemberTransition> items = members.history(id, 500, null).items();
        List<String> out = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) { // oldest first, to read like the story
            MemberTransition t = items.get(i);
            out.add(t.from() + "->" + t.to() + (t.cordoned() ? " (cordoned)" : "") + ": " + t.reason());
        }
        return out;
    }

    @Test
    public void everyChangeIsRecordedWithItsReasonAndTime() {
        String id = join("m1", new SharingPolicy(1.0, 8192, "0-24", true, 0.6));
        beat(id, 0.8);
        beat(id, 0.1);
        members.cordon(id);
        clock.advanceSeconds(16);
        members.tick();
        clock.advanceSeconds(15);
        members.tick();
        beat(id, 0.1);
        members.uncordon(id);
        assertEquals(List.of(
                "OFFLINE->ONLINE: joined",
                "ONLINE->DRAINING: owner load above 0.60 (0.80 now)",
                "DRAINING->ONLINE: owner load at or below 0.60 (0.10 now)",
                "ONLINE->ONLINE (cordoned): cordoned by an admin",
                "ONLINE->SUSPECT (cordoned): no heartbeat for 16 s (SUSPECT after 15 s)",
                "SUSPECT->OFFLINE (cordoned): no heartbeat for 31 s (OFFLINE after 30 s)",
                "OFFLINE->ONLINE (cordoned): heartbeat after 36 s of silence",
                "ONLINE->ONLINE: uncordoned by an admin"), history(id));
        MemberTransition newest = members.history(id, 1, null).items().get(0);
        assertEquals(clock.instant(), newest.at());
        assertEquals("the event carries the reason too", "heartbeat after 36 s of silence", events.events().stream()
                .filter(e -> e.getTopic().endsWith("/STATE_CHANGED")).reduce((a, b) -> b).orElseThrow().getProperty("reason"));
    }

    @Test
    public void withHysteresisAMemberUnderBurstyLoadStaysOnlineAndABusyOwnerStillDrainsIt() {
        String id = join("m1", HYSTERESIS);
        for (int i = 0; i < 60; i++) {
            beat(id, i % 3 == 0 ? 0.9 : 0.2); // 5 s bursts of our own containers' kind
            assertEquals(MemberState.ONLINE, members.get(id).state());
        }
        for (int i = 0; i < 3; i++) {
            beat(id, 0.9);
            assertEquals("above for " + i * 5 + " s", MemberState.ONLINE, members.get(id).state());
        }
        beat(id, 0.9);
        assertEquals("above for 15 s", MemberState.DRAINING, members.get(id).state());
        for (int i = 0; i < 6; i++) {
            beat(id, 0.45);
            assertEquals(MemberState.DRAINING, members.get(id).state());
        }
        beat(id, 0.45);
        assertEquals("at or below 0.5 for 30 s", MemberState.ONLINE, members.get(id).state());
        assertEquals(List.of("OFFLINE->ONLINE: joined",
                "ONLINE->DRAINING: owner load above 0.60 for 15 s (0.90 now)",
                "DRAINING->ONLINE: owner load at or below 0.50 for 30 s (0.45 now)"), history(id));
    }

    @Test
    public void sharingHoursGiveTheirOwnReasons() {
        String id = join("m1", new SharingPolicy(1.0, 8192, "9-11", false, 1.0)); // the clock says 12:00 UTC
        clock.set(java.time.Instant.parse("2025-01-16T09:30:00Z"));
        beat(id, 0);
        assertEquals(List.of("OFFLINE->DRAINING: joined; outside the sharing hours 9-11 (12:00 Z)",
                "DRAINING->ONLINE: inside the sharing hours 9-11 (09:30 Z)"), history(id));
    }

    @Test
    public void pagesAreNewestFirstAndTheCursorWalksToTheEnd() {
        String id = join("m1", new SharingPolicy(1.0, 8192, "0-24", true, 0.6));
        for (int i = 0; i < 12; i++) {
            beat(id, i % 2 == 0 ? 0.9 : 0.1);
        }
        List<String> all = history(id);
        assertEquals(13, all.size());
        List<MemberTransition> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MemberHistoryPage page = members.history(id, 5, cursor);
            assertTrue(page.items().size() <= 5);
            walked.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(members.history(id, 500, null).items(), walked);
        for (int i = 1; i < walked.size(); i++) {
            assertFalse("newest first", walked.get(i).at().isAfter(walked.get(i - 1).at()));
        }
        assertNull("an exact last page has no next cursor", members.history(id, 13, null).nextCursor());
    }

    @Test
    public void badPagingIs400AndAnUnknownMemberIs404() {
        String id = join("m1", null);
        assertStatus(400, "limit", () -> members.history(id, 0, null));
        assertStatus(400, "limit", () -> members.history(id, 501, null));
        assertStatus(400, "cursor", () -> members.history(id, 10, "abc"));
        assertStatus(400, "cursor", () -> members.history(id, 10, "-5"));
        assertStatus(404, null, () -> members.history("nobody", 10, null));
    }

    @Test
    public void historySurvivesARestartAndIsForgottenWithTheMember() throws Exception {
        String id = join("m1", HYSTERESIS);
        members.cordon(id);
        members.deactivate();
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        assertEquals("the hysteresis settings are stored with the policy", HYSTERESIS, members.get(id).policy());
        members.uncordon(id);
        List<String> h = history(id);
        assertEquals(3, h.size());
        assertEquals("ids keep growing after a restart", "ONLINE->ONLINE: uncordoned by an admin", h.get(2));
        members.remove(id);
        assertEquals(0, rows(id));
    }

    @Test
    public void retentionDropsOldChangesAndKeepsAtMostTheNewestPerMember() throws Exception {
        String id = join("m1", new SharingPolicy(1.0, 8192, "0-24", true, 0.6));
        String other = join("m2", null);
        for (int i = 0; i < 30; i++) {
            beat(id, i % 2 == 0 ? 0.9 : 0.1);
        }
        TransitionLog log = new TransitionLog(new TransitionRepository(store), new EventPoster(events));
        log.prune(0, 10);
        assertEquals(10, rows(id));
        assertEquals("a member under the cap keeps all (joined, SUSPECT, OFFLINE)", 3, rows(other));
        List<String> kept = members.history(id, 500, null).items().stream().map(MemberTransition::reason).collect(Collectors.toList());
        assertEquals("the newest are kept", "owner load at or below 0.60 (0.10 now)", kept.get(0));
        clock.advanceSeconds(31L * 86_400);
        members.pruneHistory(); // 30 days by default
        assertEquals(0, rows(id));
        assertEquals(0, rows(other));
    }

    private int rows(String memberId) throws Exception {
        try (Connection c = store.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM member_transition WHERE member_id = ?")) {
            p.setString(1, memberId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
