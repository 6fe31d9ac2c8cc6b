package org.sharercloud.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.After;
import org.junit.Test;
import org.sharercloud.api.cluster.ClusterView;
import org.sharercloud.api.cluster.Coordinator;

/**
 * The registry and leader lease on the real databases: on Derby the one coordinator leads; on PostgreSQL two
 * coordinators over one database elect exactly one leader through the advisory lock, the lead fails over when
 * the leader stops or its session dies (as when its process is killed), and a silent coordinator shows dead.
 * PostgreSQL comes from {@code SHARER_TEST_PG_URL} as in {@link StoreTest}.
 */
public class CoordinatorRegistryTest {
    private StoreComponent a;
    private StoreComponent b;

    @After
    public void close() {
        for (StoreComponent s : new StoreComponent[] {a, b}) {
            if (s != null) {
                s.deactivate();
            }
        }
    }

    private static String pgUrl() {
        String pg = System.getenv("SHARER_TEST_PG_URL");
        if (pg == null || pg.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but SHARER_TEST_PG_URL is unset: .ci/run must start PostgreSQL");
            }
            System.err.println("SKIP PostgreSQL registry test: SHARER_TEST_PG_URL is unset (run .ci/run, or start PostgreSQL and set it)");
            assumeTrue(false);
        }
        return pg;
    }

    private static StoreComponent pg() throws Exception {
        return new StoreComponent(pgUrl(), env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 4);
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    private static CoordinatorRegistry registry(StoreComponent s, String address) {
        LeaderLock lock = s.dialect() == Dialect.DERBY ? LeaderLock.SOLE : new AdvisoryLeaderLock(s::openSession);
        return new CoordinatorRegistry(s, s, lock, address, 1, 3, false);
    }

    @Test
    public void derbyCoordinatorAlwaysLeads() throws Exception {
        a = new StoreComponent("jdbc:derby:memory:cluster-" + UUID.randomUUID() + ";create=true", "", "", 4);
        CoordinatorRegistry r = registry(a, "here:8181");
        assertTrue("the only coordinator of an embedded store leads", r.isLeader());
        ClusterView v = r.view();
        assertEquals("derby", v.store());
        assertEquals(r.selfId(), v.leaderId());
        assertEquals(1, v.coordinators().size());
        Coordinator self = v.coordinators().get(0);
        assertTrue(self.self() && self.alive() && self.leader());
        assertEquals("here:8181", self.address());
        assertTrue("heap is reported", self.load().heapMaxMb() > 0);
        r.deactivate();
        assertTrue("a clean stop removes the row", registry(a, "again").view().coordinators().stream().noneMatch(c -> c.id().equals(r.selfId())));
    }

    @Test
    public void postgresElectsOneLeaderAndFailsOver() throws Exception {
        a = pg();
        b = pg();
        try (Connection c = a.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM coordinator");
        }
        CoordinatorRegistry first = registry(a, "a:1");
        CoordinatorRegistry second = registry(b, "b:2");
        assertTrue("the first to try takes the lock", first.isLeader());
        assertFalse("the second follows", second.isLeader());
        second.beat();
        assertFalse("and keeps following while the leader lives", second.isLeader());

        ClusterView v = second.view();
        assertEquals("postgresql", v.store());
        assertEquals(first.selfId(), v.leaderId());
        List<Coordinator> cs = v.coordinators();
        assertEquals(2, cs.size());
        assertTrue(cs.stream().allMatch(Coordinator::alive));
        assertEquals(1, cs.stream().filter(Coordinator::leader).count());
        assertTrue(cs.stream().anyMatch(c -> c.self() && c.id().equals(second.selfId())));

        // the leader's session dies (its process killed): PostgreSQL releases the lock with the session
        try (Connection c = b.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND granted")) {
            p.setLong(1, AdvisoryLeaderLock.KEY & 0xffffffffL);
            p.execute();
        }
        // pg_terminate_backend only signals the backend: wait (at most 10 s) until its session, and the lock, are gone
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (leaderLockHeld(b)) {
            assertTrue("the terminated leader's session still holds the lock after 10 s", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
        second.beat();
        assertTrue("the follower takes the lead once the leader's session is gone", second.isLeader());
        first.beat();
        assertFalse("the old leader notices its session died and follows", first.isLeader());
        first.beat();
        assertFalse("and cannot take the lock back while the new leader lives", first.isLeader());
        assertEquals(second.selfId(), second.view().leaderId());

        // a clean stop hands the lead over at the next beat
        second.deactivate();
        first.beat();
        assertTrue(first.isLeader());
        first.deactivate();
    }

    @Test
    public void silentCoordinatorShowsDeadByTheDatabaseClock() throws Exception {
        a = pg();
        try (Connection c = a.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM coordinator");
        }
        CoordinatorRegistry r = registry(a, "a:1");
        try (Connection c = a.getConnection(); Statement s = c.createStatement()) {
            // another coordinator that beat 10 s ago by the database's clock, and claimed the lead then
            s.executeUpdate("INSERT INTO coordinator (id, address, started_at, last_beat, leader, process_cpu, system_load, heap_used_mb, "
                    + "heap_max_mb, pool_active) SELECT 'gone', 'x:9', t, t, true, 0, 0, 1, 1, 0 FROM (SELECT CAST(EXTRACT(EPOCH FROM "
                    + "clock_timestamp()) * 1000 AS BIGINT) - 10000 AS t) n");
        }
        ClusterView v = r.view();
        Coordinator gone = v.coordinators().stream().filter(c -> c.id().equals("gone")).findFirst().orElseThrow();
        assertFalse("silent past dead-after (3 s)", gone.alive());
        assertFalse("a dead coordinator is not shown leading", gone.leader());
        assertTrue(gone.beatAgeMillis() >= 10_000);
        assertEquals("the live ones are listed first", r.selfId(), v.coordinators().get(0).id());
        assertEquals(r.selfId(), v.leaderId());
        r.deactivate();
    }

    @Test
    public void derbyHasNoLeaderWhileStopped() throws Exception {
        a = new StoreComponent("jdbc:derby:memory:cluster-" + UUID.randomUUID() + ";create=true", "", "", 4);
        CoordinatorRegistry r = registry(a, "here");
        r.deactivate();
        assertFalse("a stopped registry does not lead", r.isLeader());
        assertNull(registry(a, "other").view().coordinators().stream().filter(c -> c.id().equals(r.selfId())).findFirst().orElse(null));
    }

    private static boolean leaderLockHeld(StoreComponent s) throws Exception {
        try (Connection c = s.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND granted")) {
            p.setLong(1, AdvisoryLeaderLock.KEY & 0xffffffffL);
            try (java.sql.ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }
}
