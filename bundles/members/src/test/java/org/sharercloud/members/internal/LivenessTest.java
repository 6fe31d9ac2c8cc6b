package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.members.internal.JoinTest.assertStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.testing.TestStores;

public class LivenessTest {
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
        members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.3, owner), null, null));
    }

    @Test
    public void silenceMakesSuspectThenOfflineAndAHeartbeatBringsItBack() {
        String id = join("m1", null);
        clock.advanceSeconds(15);
        members.tick();
        assertEquals("exactly 3 missed heartbeats is not yet suspect", MemberState.ONLINE, members.get(id).state());
        clock.advanceSeconds(1);
        members.tick();
        assertEquals(MemberState.SUSPECT, members.get(id).state());
        clock.advanceSeconds(14);
        members.tick();
        assertEquals(MemberState.SUSPECT, members.get(id).state());
        clock.advanceSeconds(1);
        members.tick();
        assertEquals(MemberState.OFFLINE, members.get(id).state());
        assertEquals(0, members.get(id).capacity().cpuMillisFree());
        beat(id, 0);
        assertEquals(MemberState.ONLINE, members.get(id).state());
        assertEquals(List.of("OFFLINE->ONLINE", "ONLINE->SUSPECT", "SUSPECT->OFFLINE", "OFFLINE->ONLINE"), events.transitions(id));
        Map<MemberState, Integer> counts = members.countByState();
        assertEquals(Integer.valueOf(1), counts.get(MemberState.ONLINE));
        assertEquals(Integer.valueOf(0), counts.get(MemberState.OFFLINE));
    }

    @Test
    public void heartbeatsKeepAMemberOnlineAndPostTheirMetrics() {
        String id = join("m1", null);
        for (int i = 0; i < 10; i++) {
            clock.advanceSeconds(5);
            beat(id, 0.1);
            members.tick();
        }
        assertEquals(MemberState.ONLINE, members.get(id).state());
        assertEquals(10, events.count("/HEARTBEAT"));
        assertEquals(Fixtures.metrics(0.3, 0.1), members.get(id).metrics());
        assertEquals(clock.instant(), members.get(id).lastSeen());
        assertEquals(10, members.heartbeatsTotal());
    }

    @Test
    public void everyHeartbeatIsStampedAtTheNextFlushWithTheDatabaseClock() throws Exception {
        String id = join("m1", null);
        long joined = clock.millis();
        assertEquals("a join is written through, stamped by the database clock", joined, storedLastSeen(id));
        clock.advanceSeconds(5);
        beat(id, 0.25);
        assertEquals("not written before the flush", joined, storedLastSeen(id));
        clock.advance(Duration.ofMillis(400)); // the flush comes up to one round after the heartbeat: its stamp is that late
        members.tick();
        assertEquals("stamped at the flush, by the database clock", clock.millis(), storedLastSeen(id));
        assertEquals("the member shows the stored stamp", clock.millis(), members.get(id).lastSeen().toEpochMilli());
        clock.advanceSeconds(16);
        members.tick(); // SUSPECT: written by the sweep itself
        assertEquals("SUSPECT", storedState(id));
        members.deactivate();
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        assertEquals(Fixtures.metrics(0.3, 0.25), members.get(id).metrics());
        assertEquals(MemberState.SUSPECT, members.get(id).state());
    }

    private String storedState(String id) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement p = c.prepareStatement("SELECT state FROM member WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private long storedLastSeen(String id) throws Exception {
        try (Connection c = store.getConnection(); PreparedStatement p = c.prepareStatement("SELECT last_seen FROM member WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    @Test
    public void runtimesReportedInAHeartbeatAreShownPostedAndKeptAcrossARestart() throws Exception {
        String id = join("m1", null);
        assertEquals("an agent that reports no runtimes: derived from dockerAvailable",
                Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok()), members.get(id).runtimes());
        var noDocker = Map.of("docker", org.sharercloud.api.members.RuntimeStatus.unavailable(
                "no reachable Docker engine at unix:///var/run/docker.sock"), "process", org.sharercloud.api.members.RuntimeStatus.ok());
        org.sharercloud.api.members.HostInfo h = Fixtures.host("m1");
        org.sharercloud.api.members.HostInfo changed = new org.sharercloud.api.members.HostInfo(h.machineId(), h.hostname(), h.os(),
                h.arch(), h.cores(), h.memoryMb(), h.diskMb(), false, h.labels(), noDocker);
        members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.3, 0), changed, null));
        assertEquals(noDocker, members.get(id).runtimes());
        assertEquals(1, events.count("/RUNTIMES_CHANGED"));
        members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.3, 0), changed, null));
        assertEquals("no change, no event", 1, events.count("/RUNTIMES_CHANGED"));
        members.tick();
        members.deactivate();
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        assertEquals(noDocker, members.get(id).runtimes());
        assertEquals(noDocker, members.get(id).host().runtimes());

        var bad = new java.util.HashMap<String, org.sharercloud.api.members.RuntimeStatus>();
        bad.put("Docker Engine", org.sharercloud.api.members.RuntimeStatus.ok());
        JoinTest.assertStatus(400, "host.runtimes", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.3, 0),
                new org.sharercloud.api.members.HostInfo(h.machineId(), h.hostname(), h.os(), h.arch(), h.cores(), h.memoryMb(),
                        h.diskMb(), false, h.labels(), bad), null)));
    }

    @Test
    public void aRestartedCoordinatorGivesLoadedMembersAGracePeriod() throws Exception {
        String id = join("m1", null);
        members.deactivate();
        clock.advanceSeconds(600); // the coordinator was down for ten minutes
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        members.tick();
        assertEquals(MemberState.ONLINE, members.get(id).state());
        clock.advanceSeconds(31);
        members.tick();
        assertEquals(MemberState.OFFLINE, members.get(id).state());
    }

    @Test
    public void busyOwnerOrHoursOutsideTheWindowMakeItDraining() {
        SharingPolicy busyPause = new SharingPolicy(1.0, 8192, "0-24", true, 0.5);
        String id = join("m1", busyPause);
        beat(id, 0.7);
        assertEquals(MemberState.DRAINING, members.get(id).state());
        assertEquals(0, members.get(id).capacity().cpuMillisFree());
        beat(id, 0.2);
        assertEquals(MemberState.ONLINE, members.get(id).state());

        String night = join("m2", new SharingPolicy(1.0, 8192, "22-7", false, 1.0)); // clock is 12:00 UTC
        assertEquals(MemberState.DRAINING, members.get(night).state());
        clock.set(Instant.parse("2025-01-15T23:30:00Z"));
        beat(night, 0.9);
        assertEquals(MemberState.ONLINE, members.get(night).state());
        HostInfo tokyo = new HostInfo("m2", "h", "Linux", "amd64", 8, 16384, 0, true, Map.of("tz", "Asia/Tokyo")); // 08:30 there
        members.heartbeat(night, new Heartbeat(Fixtures.metrics(0.1, 0.1), tokyo, null));
        assertEquals(MemberState.DRAINING, members.get(night).state());
        assertEquals(List.of("OFFLINE->ONLINE", "ONLINE->DRAINING", "DRAINING->ONLINE"), events.transitions(id));
    }

    @Test
    public void cordonRemovesFreeCapacityAndRemoveRevokesTheCredential() {
        String credential = members.join(new JoinRequest(token, "mine", Fixtures.host("m1"), null)).credential();
        String id = members.authenticate(credential).orElseThrow();
        assertEquals(8000, members.get(id).capacity().cpuMillisFree());
        members.cordon(id);
        assertTrue(members.get(id).cordoned());
        assertEquals(0, members.get(id).capacity().cpuMillisFree());
        members.uncordon(id);
        assertEquals(8000, members.get(id).capacity().cpuMillisFree());
        assertEquals(2, events.count("/CORDONED"));
        members.remove(id);
        assertTrue(members.authenticate(credential).isEmpty());
        assertStatus(401, null, () -> beat(id, 0));
        assertStatus(404, null, () -> members.get(id));
        assertEquals(List.of("OFFLINE->ONLINE", "ONLINE->OFFLINE"), events.transitions(id));
        assertEquals(1, events.count("/REMOVED"));
        assertTrue(members.list().isEmpty());
    }

    @Test
    public void malformedMetricsAre400NamingTheFieldAndNothingIsStored() {
        String id = join("m1", null);
        beat(id, 0.1);
        long beats = events.count("/HEARTBEAT");
        Instant seen = members.get(id).lastSeen();
        clock.advanceSeconds(5);
        assertStatus(400, "metrics.cpuLoad", () -> members.heartbeat(id, new Heartbeat(new HostMetrics(Double.NaN, 0, 1, 2, 3, 4), null, null)));
        assertStatus(400, "metrics.ownerLoad", () -> members.heartbeat(id, new Heartbeat(new HostMetrics(0.5, 1.5, 1, 2, 3, 4), null, null)));
        assertStatus(400, "metrics.memoryUsedMb", () -> members.heartbeat(id, new Heartbeat(new HostMetrics(0.5, 0.1, -1, 2, 3, 4), null, null)));
        assertStatus(400, "metrics", () -> members.heartbeat(id, new Heartbeat(null, null, null)));
        HostInfo negative = new HostInfo("m1", "h", "Linux", "amd64", -4, 16384, 0, true, Map.of());
        assertStatus(400, "host.cores", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.1, 0), negative, null)));
        HostInfo other = Fixtures.host("m-other");
        assertStatus(400, "host.machineId", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.1, 0), other, null)));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("k" + i, "v");
        }
        HostInfo labels = new HostInfo("m1", "h", "Linux", "amd64", 8, 16384, 0, true, many);
        assertStatus(400, "host.labels", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.1, 0), labels, null)));
        HostInfo longLabel = new HostInfo("m1", "h", "Linux", "amd64", 8, 16384, 0, true, Map.of("x", "v".repeat(1000)));
        assertStatus(400, "host.labels", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.1, 0), longLabel, null)));
        SharingPolicy share = new SharingPolicy(2.0, 1, "0-24", false, 1);
        assertStatus(400, "policy.maxCpuShare", () -> members.heartbeat(id, new Heartbeat(Fixtures.metrics(0.1, 0), null, share)));
        assertEquals("no heartbeat accepted", beats, events.count("/HEARTBEAT"));
        assertEquals(seen, members.get(id).lastSeen());
        assertEquals(Fixtures.metrics(0.3, 0.1), members.get(id).metrics());
        assertEquals(Fixtures.host("m1"), members.get(id).host());
    }

    @Test
    public void placedResourcesReduceFreeCapacity() {
        String id = join("m1", new SharingPolicy(0.5, 8192, "0-24", false, 1.0));
        beat(id, 0.125); // owner uses 1 of 8 cores
        assertEquals(4000, members.get(id).capacity().cpuMillisTotal());
        assertEquals(3000, members.get(id).capacity().cpuMillisFree());
        members.reportPlaced(id, 2500, 2048);
        assertEquals(500, members.get(id).capacity().cpuMillisFree());
        assertEquals(8192 - 2048, members.get(id).capacity().memoryMbFree());
        assertStatus(400, "cpuMillis", () -> members.reportPlaced(id, -1, 0));
        assertStatus(404, null, () -> members.reportPlaced("nobody", 1, 1));
    }

    @Test
    public void aWallClockStepMarksNoMemberOfflineLivenessUsesTheDatabaseClock() throws Exception {
        members.deactivate();
        // the embedded database's clock (in production: monotonic, or PostgreSQL's clock_timestamp()), apart from this coordinator's
        java.util.concurrent.atomic.AtomicLong db = new java.util.concurrent.atomic.AtomicLong(clock.millis());
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock, db::get);
        token = members.createJoinToken(Duration.ofHours(1), 100).token();
        String id = join("m1", null);
        clock.advanceSeconds(3600); // NTP steps this coordinator's wall clock an hour forward; no time really passed
        members.tick();
        assertEquals("a forward step is not silence", MemberState.ONLINE, members.get(id).state());
        clock.advanceSeconds(-7200); // and back, past the join
        db.addAndGet(2000);
        beat(id, 0.1);
        members.tick();
        assertEquals(MemberState.ONLINE, members.get(id).state());
        assertEquals("the stamp is the database's, not the stepped clock's", db.get(), storedLastSeen(id));
        clock.advanceSeconds(30);
        db.addAndGet(16_000); // real silence past SUSPECT (15 s), by the database clock
        members.tick();
        assertEquals(MemberState.SUSPECT, members.get(id).state());
        db.addAndGet(15_000);
        members.tick();
        assertEquals(MemberState.OFFLINE, members.get(id).state());
    }
}
