package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.ManualClock;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.testing.TestStores;

public class JoinTest {
    private StoreComponent store;
    private ManualClock clock;
    private RecordingEventAdmin events;
    private MemberServiceImpl members;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("members");
        clock = new ManualClock();
        events = new RecordingEventAdmin();
        members = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
    }

    @After
    public void tearDown() {
        members.deactivate();
        TestStores.drop(store);
    }

    private JoinResult join(String token, String machine) {
        return members.join(new JoinRequest(token, null, Fixtures.host(machine), null));
    }

    @Test
    public void joinGivesAnIdAndACredentialThatAuthenticates() throws Exception {
        JoinToken t = members.createJoinToken(Duration.ofHours(1), 5);
        JoinResult r = join(t.token(), "machine-a");
        assertTrue(r.credential(), r.credential().startsWith("m." + r.memberId() + "."));
        assertEquals(5, r.heartbeatSeconds());
        assertEquals(Optional.of(r.memberId()), members.authenticate(r.credential()));
        assertEquals(Optional.empty(), members.authenticate(r.credential() + "x"));
        assertEquals(Optional.empty(), members.authenticate("m.nobody.secret"));
        assertEquals(MemberState.ONLINE, members.get(r.memberId()).state());
        assertEquals("host-machine-a", members.get(r.memberId()).name());
        assertEquals(SharingPolicy.unrestricted(16384), members.get(r.memberId()).policy());
        assertEquals(1, events.count("/JOINED"));
        assertEquals(java.util.List.of("OFFLINE->ONLINE"), events.transitions(r.memberId()));
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT credential_hash FROM member UNION ALL SELECT token_hash FROM join_token")) {
            while (rs.next()) {
                String stored = rs.getString(1);
                assertFalse("secrets are stored hashed", r.credential().contains(stored) || t.token().contains(stored));
                assertEquals(64, stored.length());
            }
        }
    }

    @Test
    public void sameMachineRejoinsAsTheSameMemberWithANewCredential() {
        JoinToken t = members.createJoinToken(Duration.ofHours(1), 5);
        JoinResult first = join(t.token(), "machine-a");
        JoinResult other = join(t.token(), "machine-b");
        JoinResult again = join(t.token(), "machine-a");
        assertEquals(first.memberId(), again.memberId());
        assertNotEquals(first.memberId(), other.memberId());
        assertNotEquals(first.credential(), again.credential());
        assertEquals("the old credential stops working", Optional.empty(), members.authenticate(first.credential()));
        assertEquals(Optional.of(first.memberId()), members.authenticate(again.credential()));
        assertEquals(2, members.list().size());
    }

    @Test
    public void membersAndCredentialsSurviveARestart() throws Exception {
        JoinToken t = members.createJoinToken(Duration.ofHours(1), 1);
        JoinResult r = join(t.token(), "machine-a");
        members.cordon(r.memberId());
        members.deactivate();
        MemberServiceImpl again = new MemberServiceImpl(store, events, Fixtures.config(5, 3, 30), clock);
        assertEquals(Optional.of(r.memberId()), again.authenticate(r.credential()));
        assertTrue(again.get(r.memberId()).cordoned());
        assertEquals(Fixtures.host("machine-a"), again.get(r.memberId()).host());
        assertEquals(Map.of("gpu", "none"), again.get(r.memberId()).host().labels());
    }

    @Test
    public void joinTokensAreListedWithoutSecretsUntilUsedUp() {
        JoinToken once = members.createJoinToken(Duration.ofHours(1), 1);
        JoinToken twice = members.createJoinToken(Duration.ofHours(2), 2);
        assertEquals(java.util.Set.of(once.id(), twice.id()),
                members.joinTokens().stream().map(org.sharercloud.api.members.JoinTokenInfo::id).collect(java.util.stream.Collectors.toSet()));
        join(once.token(), "machine-a");
        join(twice.token(), "machine-b");
        var left = members.joinTokens();
        assertEquals("the used-up token is gone", 1, left.size());
        assertEquals(twice.id(), left.get(0).id());
        assertEquals(2, left.get(0).uses());
        assertEquals(1, left.get(0).usesLeft());
        assertFalse(left.toString().contains(twice.token()));
    }

    @Test
    public void unknownTokenIs401() {
        assertStatus(401, "joinToken", () -> join("sc_join_nope", "m1"));
        assertStatus(401, "joinToken", () -> join(null, "m1"));
    }

    @Test
    public void expiredTokenIs403() {
        JoinToken t = members.createJoinToken(Duration.ofMinutes(10), 5);
        clock.advanceSeconds(601);
        assertStatus(403, "joinToken", () -> join(t.token(), "m1"));
    }

    @Test
    public void usedUpTokenIs403AndEveryJoinUsesOne() {
        JoinToken t = members.createJoinToken(Duration.ofHours(1), 2);
        join(t.token(), "m1");
        join(t.token(), "m1");
        assertStatus(403, "joinToken", () -> join(t.token(), "m2"));
        assertEquals(1, members.list().size());
    }

    @Test
    public void malformedHostIs400NamingTheFieldAndUsesNothing() {
        JoinToken t = members.createJoinToken(Duration.ofHours(1), 1);
        HostInfo h = Fixtures.host("m1");
        HostInfo negativeCores = new HostInfo("m1", "h", "os", "amd64", -2, 1024, 0, false, Map.of());
        assertStatus(400, "host.cores", () -> members.join(new JoinRequest(t.token(), null, negativeCores, null)));
        assertStatus(400, "host", () -> members.join(new JoinRequest(t.token(), null, null, null)));
        HostInfo badId = new HostInfo("a b", "h", "os", "amd64", 2, 1024, 0, false, Map.of());
        assertStatus(400, "host.machineId", () -> members.join(new JoinRequest(t.token(), null, badId, null)));
        SharingPolicy badHours = new SharingPolicy(0.5, 1024, "25-3", false, 0.5);
        assertStatus(400, "policy.sharingHours", () -> members.join(new JoinRequest(t.token(), null, h, badHours)));
        assertTrue(members.list().isEmpty());
        join(t.token(), "m1"); // the single use is still there
        assertEquals(1, members.list().size());
    }

    @Test
    public void joinTokenLimitsAreChecked() {
        assertStatus(400, "ttl", () -> members.createJoinToken(Duration.ofSeconds(5), 1));
        assertStatus(400, "uses", () -> members.createJoinToken(Duration.ofHours(1), 0));
        JoinToken t = members.createJoinToken(null, 3);
        assertEquals(clock.instant().plus(Duration.ofHours(1)), t.expiresAt());
        assertEquals(3, t.uses());
    }

    static void assertStatus(int status, String field, Runnable r) {
        try {
            r.run();
            fail("expected " + status + " on " + field);
        } catch (ApiException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(e.getMessage(), field, e.field());
        }
    }
}
