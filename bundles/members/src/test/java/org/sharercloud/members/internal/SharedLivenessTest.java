package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;
import static org.sharercloud.members.internal.JoinTest.assertStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.osgi.service.event.Event;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.FakeCluster;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.testing.TestStores;

/**
 * Two coordinators' members modules over one store, on embedded Derby (two instances in one JVM over one database, the
 * database's clock a fake one the test moves) and on PostgreSQL (its real {@code clock_timestamp()}; the test waits):
 * the write-behind stamp, the refresh from rows changed elsewhere, the leader-only sweep with its guard, and which
 * coordinator posts which event ({@link MemberEvents#OBSERVED}). Each {@link MemberServiceImpl#tick()} is one round of
 * one coordinator. PostgreSQL comes from {@code SHARER_TEST_PG_URL} as in the store's tests (its schema is emptied).
 */
@RunWith(Parameterized.class)
public class SharedLivenessTest {
    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> backends() {
        return Arrays.asList(new Object[][] {{"derby"}, {"postgresql"}});
    }

    private final String backend;
    private StoreComponent storeA;
    private StoreComponent storeB;
    private final ManualClock clockA = new ManualClock();
    private final ManualClock clockB = new ManualClock();
    /** Derby's database clock (the test moves it); unused on PostgreSQL. */
    private final AtomicLong derbyClock = new AtomicLong(clockA.millis());
    private final RecordingEventAdmin eventsA = new RecordingEventAdmin();
    private final RecordingEventAdmin eventsB = new RecordingEventAdmin();
    private final FakeCluster leadA = new FakeCluster(true);
    private final FakeCluster leadB = new FakeCluster(false);
    private MemberServiceImpl a;
    private MemberServiceImpl b;
    private String token;

    public SharedLivenessTest(String backend) {
        this.backend = backend;
    }

    private boolean pg() {
        return backend.equals("postgresql");
    }

    @Before
    public void setUp() throws Exception {
        if (pg()) {
            String url = System.getenv("SHARER_TEST_PG_URL");
            if (url == null || url.isBlank()) {
                if ("true".equals(System.getenv("CI"))) {
                    fail("CI=true but SHARER_TEST_PG_URL is unset: .ci/run must start PostgreSQL");
                }
                System.err.println("SKIP PostgreSQL shared liveness test: SHARER_TEST_PG_URL is unset (run .ci/run, or start PostgreSQL and set it)");
                assumeTrue(false);
            }
            try (Connection c = java.sql.DriverManager.getConnection(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"));
                    Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA public CASCADE");
                st.execute("CREATE SCHEMA public");
            }
            storeA = new StoreComponent(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 4);
            storeB = new StoreComponent(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 4);
        } else {
            storeA = TestStores.create("shared");
            storeB = storeA; // one embedded database; two members modules over it
        }
        a = coordinator(storeA, clockA, eventsA, leadA);
        b = coordinator(storeB, clockB, eventsB, leadB);
        token = a.createJoinToken(Duration.ofHours(1), 100).token();
    }

    private MemberServiceImpl coordinator(StoreComponent s, ManualClock clock, RecordingEventAdmin events, FakeCluster lead) throws Exception {
        LongSupplier db = derbyClock::get;
        MemberServiceImpl m = new MemberServiceImpl(s, events, Fixtures.config(1, 2, 4), clock, db); // SUSPECT after 2 s, OFFLINE after 4 s
        m.cluster = lead;
        return m;
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    @After
    public void tearDown() {
        for (MemberServiceImpl m : new MemberServiceImpl[] {a, b}) {
            if (m != null) {
                m.deactivate();
            }
        }
        if (pg()) {
            for (StoreComponent s : new StoreComponent[] {storeA, storeB}) {
                if (s != null) {
                    close(s);
                }
            }
        } else if (storeA != null) {
            TestStores.drop(storeA);
        }
    }

    /** Closes a PostgreSQL store's pool (its deactivate is the store's own, package-private). */
    private static void close(StoreComponent s) {
        try {
            java.lang.reflect.Method m = StoreComponent.class.getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Real time passes for the database: Derby's fake clock moves, PostgreSQL's is waited for. */
    private void pass(long millis) throws InterruptedException {
        if (pg()) {
            Thread.sleep(millis);
        } else {
            derbyClock.addAndGet(millis);
        }
        clockA.advance(Duration.ofMillis(millis));
        clockB.advance(Duration.ofMillis(millis));
    }

    private JoinResult join(MemberServiceImpl via, String machine) {
        return via.join(new JoinRequest(token, null, Fixtures.host(machine), null));
    }

    private static void beat(MemberServiceImpl via, String id, double cpu) {
        via.heartbeat(id, new Heartbeat(Fixtures.metrics(cpu, 0), null, null));
    }

    /** One round on each coordinator: B (where heartbeats land) first, then A. */
    private void rounds() {
        b.tick();
        a.tick();
        b.tick();
    }

    private static List<String> transitions(RecordingEventAdmin events, String id, boolean observed) {
        return events.events().stream()
                .filter(e -> e.getTopic().equals(MemberEvents.STATE_CHANGED) && id.equals(e.getProperty(MemberEvents.MEMBER_ID))
                        && observed == Boolean.TRUE.equals(e.getProperty(MemberEvents.OBSERVED)))
                .map(e -> e.getProperty(MemberEvents.FROM) + "->" + e.getProperty(MemberEvents.TO)).toList();
    }

    private long stored(String column, String id) throws Exception {
        try (Connection c = storeA.getConnection(); PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM member WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    @Test
    public void heartbeatsLandingOnAFollowerKeepAMemberOnlineOnTheLeaderWithItsLatestMetrics() throws Exception {
        String id = join(a, "m1").memberId();
        for (int i = 0; i < 6; i++) { // 3 s of heartbeats every 500 ms, all on B: longer than the SUSPECT silence (2 s)
            pass(500);
            beat(b, id, 0.1 + i / 10.0);
            rounds();
            assertEquals("round " + i + ": the leader A hears B's heartbeats through the store", MemberState.ONLINE, a.get(id).state());
        }
        assertEquals("the latest metrics, received by B, shown by A", Fixtures.metrics(0.6, 0), a.get(id).metrics());
        long stamp = stored("last_seen", id);
        assertEquals("A shows the stored stamp", stamp, a.get(id).lastSeen().toEpochMilli());
        assertEquals("B shows the stored stamp", stamp, b.get(id).lastSeen().toEpochMilli());
        assertEquals(List.of("OFFLINE->ONLINE"), transitions(eventsA, id, false));
        assertTrue("no transition but the join: " + transitions(eventsB, id, true), transitions(eventsB, id, true).equals(List.of("OFFLINE->ONLINE")));
        assertEquals("heartbeat events only where the heartbeats landed", 0, eventsA.count("/HEARTBEAT"));
        assertEquals(6, eventsB.count("/HEARTBEAT"));
    }

    @Test
    public void onlyTheLeaderSweepsAndTheFollowerAppliesItsTransitionsAsObserved() throws Exception {
        String id = join(b, "m1").memberId();
        beat(b, id, 0.2);
        rounds();
        pass(2500); // past SUSPECT (2 s)
        b.tick();
        assertEquals("the follower does not sweep", MemberState.ONLINE, b.get(id).state());
        a.tick();
        assertEquals(MemberState.SUSPECT, a.get(id).state());
        b.tick();
        assertEquals("the follower reads the leader's transition", MemberState.SUSPECT, b.get(id).state());
        pass(2000); // past OFFLINE (4 s)
        rounds();
        assertEquals(MemberState.OFFLINE, a.get(id).state());
        assertEquals(MemberState.OFFLINE, b.get(id).state());
        assertEquals("the leader makes and posts the silence transitions", List.of("ONLINE->SUSPECT", "SUSPECT->OFFLINE"), transitions(eventsA, id, false));
        assertEquals("the leader observed the join", List.of("OFFLINE->ONLINE"), transitions(eventsA, id, true));
        assertEquals("the follower posts them as observed", List.of("ONLINE->SUSPECT", "SUSPECT->OFFLINE"), transitions(eventsB, id, true));
        assertEquals("the follower made only the join", List.of("OFFLINE->ONLINE"), transitions(eventsB, id, false));
        assertEquals("OFFLINE", storedState(id));
        // the history holds each transition once, whoever made it
        List<String> history = a.history(id, 10, null).items().stream().map(t -> t.from() + "->" + t.to()).toList();
        assertEquals(List.of("SUSPECT->OFFLINE", "ONLINE->SUSPECT", "OFFLINE->ONLINE"), history);

        beat(b, id, 0.3); // the agent reconnects through the follower
        assertEquals(MemberState.ONLINE, b.get(id).state());
        rounds();
        assertEquals("the leader sees it back", MemberState.ONLINE, a.get(id).state());
        assertEquals(List.of("OFFLINE->ONLINE", "OFFLINE->ONLINE"), transitions(eventsA, id, true));
    }

    private String storedState(String id) throws Exception {
        try (Connection c = storeA.getConnection(); PreparedStatement p = c.prepareStatement("SELECT state FROM member WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    @Test
    public void aStampWrittenElsewhereAfterTheLeaderLookedWinsOverItsSweep() throws Exception {
        String id = join(a, "m1").memberId();
        rounds();
        pass(2500);
        beat(b, id, 0.4);
        b.tick(); // stamped by B; A has not refreshed since, so its cache still says 2.5 s of silence
        assertEquals("A's cache is stale", MemberState.ONLINE, a.get(id).state());
        a.tick(); // A refreshes before it sweeps, and the guarded UPDATE would refuse a stale candidate anyway
        assertEquals(MemberState.ONLINE, a.get(id).state());
        assertEquals("ONLINE", storedState(id));
    }

    @Test
    public void twoCoordinatorsBelievingTheyLeadStillMakeEachTransitionOnce() throws Exception {
        String id = join(a, "m1").memberId();
        rounds();
        leadB.lead(true); // the window in which an old leader has not noticed it lost the lock
        pass(4500);
        a.tick();
        b.tick();
        a.tick();
        b.tick();
        List<String> made = new java.util.ArrayList<>(transitions(eventsA, id, false).subList(1, transitions(eventsA, id, false).size()));
        made.addAll(transitions(eventsB, id, false));
        assertEquals("one OFFLINE, made once across both (workloads acts on it once): " + made, 1,
                made.stream().filter(t -> t.endsWith("->OFFLINE")).count());
        assertEquals(MemberState.OFFLINE, a.get(id).state());
        assertEquals(MemberState.OFFLINE, b.get(id).state());
    }

    @Test
    public void aNewLeaderCountsSilenceFromWhenItTookOverAndThenSweeps() throws Exception {
        String quiet = join(a, "m1").memberId();
        String later = join(a, "m2").memberId();
        rounds();
        leadA.lead(false); // A stops leading (killed); nobody sweeps for 5 s
        pass(5000);
        a.tick();
        b.tick();
        assertEquals("nobody leads: nobody is swept", MemberState.ONLINE, b.get(quiet).state());
        leadB.lead(true);
        beat(b, later, 0.1);
        b.tick(); // B's first round as leader: silence counts from now
        assertEquals("no OFFLINE for the time nobody swept", MemberState.ONLINE, b.get(quiet).state());
        pass(2500);
        b.tick();
        assertEquals(MemberState.SUSPECT, b.get(quiet).state());
        pass(2000);
        b.tick();
        assertEquals("the new leader's sweeper takes over", MemberState.OFFLINE, b.get(quiet).state());
        assertEquals("a member silent since after the take-over goes OFFLINE too", MemberState.OFFLINE, b.get(later).state());
        a.tick();
        assertEquals(MemberState.OFFLINE, a.get(quiet).state());
    }

    @Test
    public void aWallClockStepOnACoordinatorMarksNobody() throws Exception {
        String id = join(a, "m1").memberId();
        rounds();
        clockA.advanceSeconds(3600); // NTP steps the leader's wall clock an hour forward; the database's clock did not move
        clockB.advanceSeconds(-3600);
        rounds();
        assertEquals("a forward step on the leader is not silence", MemberState.ONLINE, a.get(id).state());
        beat(b, id, 0.2); // a heartbeat on the coordinator stepped back
        rounds();
        assertEquals(MemberState.ONLINE, a.get(id).state());
        long stamp = stored("last_seen", id);
        assertTrue("stamped by the database clock, not B's stepped one: " + stamp, Math.abs(stamp - clockB.millis()) > 3_000_000L);
    }

    @Test
    public void joinsReJoinsCordonsAndRemovalsMadeOnOneCoordinatorHoldOnTheOther() throws Exception {
        JoinResult joined = join(a, "m1");
        String id = joined.memberId();
        // the agent's next request lands on B before B's refresh: B reads the member from the store
        assertEquals(id, b.authenticate(joined.credential()).orElseThrow());
        beat(b, id, 0.1);
        assertEquals(MemberState.ONLINE, b.get(id).state());
        // a re-join through A with the credential: the new credential works on B at once, the old one no more
        JoinResult again = a.join(new JoinRequest(token, null, Fixtures.host("m1"), null, joined.credential()));
        assertEquals(id, again.memberId());
        assertEquals(id, b.authenticate(again.credential()).orElseThrow());
        assertTrue(b.authenticate(joined.credential()).isEmpty());

        a.cordon(id);
        rounds();
        assertTrue("B sees A's cordon", b.get(id).cordoned());
        assertEquals(0, b.get(id).capacity().cpuMillisFree());
        assertEquals(1, eventsB.events().stream().filter(e -> e.getTopic().equals(MemberEvents.CORDONED)
                && Boolean.TRUE.equals(e.getProperty(MemberEvents.OBSERVED))).count());

        b.remove(id);
        a.tick();
        assertStatus(404, null, () -> a.get(id));
        assertTrue("the removed member's credential no longer works on A", a.authenticate(again.credential()).isEmpty());
        assertStatus(401, null, () -> beat(a, id, 0.1));
        List<Event> removedOnA = eventsA.events().stream().filter(e -> e.getTopic().equals(MemberEvents.REMOVED)).toList();
        assertEquals(1, removedOnA.size());
        assertEquals(Boolean.TRUE, removedOnA.get(0).getProperty(MemberEvents.OBSERVED));
        assertEquals("B made the removal's OFFLINE (workloads acts there)", List.of("ONLINE->OFFLINE"),
                transitions(eventsB, id, false).subList(transitions(eventsB, id, false).size() - 1, transitions(eventsB, id, false).size()));
        assertFalse("A only observed it", transitions(eventsA, id, false).contains("ONLINE->OFFLINE"));
    }

    @Test
    public void aWriteThatCommittedLaterThanTheOverlapIsReadByThePeriodicFullRead() throws Exception {
        String id = join(a, "m1").memberId();
        rounds();
        leadA.lead(false); // nobody sweeps: the row is not written meanwhile (the stuck transaction would hold its lock)
        long old = stored("changed_at", id);
        pass(LiveMembers.OVERLAP_MILLIS + 2000);
        rounds();
        // a write stamped long before it committed (as a transaction stuck for longer than the overlap would be)
        try (Connection c = storeA.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE member SET cordoned = ?, changed_at = ? WHERE id = ?")) {
            p.setBoolean(1, true);
            p.setLong(2, old + 1);
            p.setString(3, id);
            assertEquals(1, p.executeUpdate());
        }
        b.tick();
        assertFalse("the incremental refresh does not see it", b.get(id).cordoned());
        for (int i = 0; i < LiveMembers.FULL_READ_ROUNDS && !b.get(id).cordoned(); i++) {
            b.tick();
        }
        assertTrue("the full read picks it up within " + LiveMembers.FULL_READ_ROUNDS + " rounds", b.get(id).cordoned());
    }
}
