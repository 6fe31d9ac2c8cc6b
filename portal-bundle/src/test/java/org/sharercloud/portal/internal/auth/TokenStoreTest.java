package org.sharercloud.portal.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.IssuedToken;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.TestStores;

/** The token store on the real store (in-memory Derby): unique names, expiry, revocation and rotation at once, grants. */
public class TokenStoreTest {
    private StoreComponent store;
    private TokenStore tokens;
    private Path adminFile;

    @Before
    public void setUp() throws Exception {
        store = TestStores.create("tokens");
        adminFile = Files.createTempDirectory("sharer-tokens").resolve("admin.token");
        tokens = new TokenStore(store, null, adminFile);
    }

    @After
    public void tearDown() {
        TestStores.drop(store);
    }

    private static void assertStatus(int status, String field, Runnable r) {
        try {
            r.run();
            fail("expected " + status);
        } catch (ApiException e) {
            assertEquals(e.getMessage(), status, e.status());
            if (field != null) {
                assertEquals(field, e.field());
            }
        }
    }

    @Test
    public void theBootstrappedAdminTokenWorksWithTheHighestGrant() throws Exception {
        Principal p = tokens.authenticate(Files.readString(adminFile).strip()).orElseThrow();
        assertEquals(new Principal("admin", Role.ADMIN, 1000), p);
    }

    @Test
    public void namesAreUniqueForGoodCaseInsensitivelyAndConsoleIsReserved() {
        IssuedToken alice = tokens.mint("alice", Role.REQUESTOR);
        assertStatus(409, null, () -> tokens.mint("alice", Role.REQUESTOR));
        assertStatus(409, null, () -> tokens.mint("ALICE", Role.ADMIN));
        tokens.revoke(alice.id());
        assertStatus(409, null, () -> tokens.mint("alice", Role.REQUESTOR));
        assertStatus(409, null, () -> tokens.mint("console", Role.REQUESTOR));
        assertStatus(409, null, () -> tokens.mint("admin", Role.REQUESTOR));
        assertEquals(1, tokens.list().stream().filter(t -> t.name().equalsIgnoreCase("alice")).count());
    }

    @Test
    public void revocationIsEffectiveAtOnceEvenForACachedToken() {
        IssuedToken bob = tokens.mint("bob", Role.REQUESTOR);
        assertTrue("cached now", tokens.authenticate(bob.token()).isPresent());
        tokens.revoke(bob.id());
        assertEquals(Optional.empty(), tokens.authenticate(bob.token()));
    }

    @Test
    public void anExpiredTokenStopsWorkingEvenWhenCached() throws Exception {
        IssuedToken carol = tokens.mint("carol", Role.REQUESTOR, Instant.now().plusSeconds(3600), null);
        assertTrue(tokens.authenticate(carol.token()).isPresent());
        try (Connection c = store.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE api_token SET expires_at = ? WHERE id = ?")) {
            p.setLong(1, System.currentTimeMillis() - 1);
            p.setString(2, carol.id());
            p.executeUpdate();
        }
        // the cache holds the old expiry for an hour: a fresh store instance reads the new one
        TokenStore restarted = new TokenStore(store, null, adminFile);
        assertEquals(Optional.empty(), restarted.authenticate(carol.token()));
        assertStatus(409, null, () -> restarted.rotate(carol.id()));
        assertStatus(400, "expiresAt", () -> tokens.mint("dave", Role.REQUESTOR, Instant.now().minusSeconds(1), null));
        TokenInfo listed = restarted.list().stream().filter(t -> t.id().equals(carol.id())).findFirst().orElseThrow();
        assertTrue(listed.expiresAt().isBefore(Instant.now()));
    }

    @Test
    public void aTokenWhoseExpiryPassesWhileCachedStopsWorking() throws Exception {
        IssuedToken erin = tokens.mint("erin", Role.REQUESTOR, Instant.now().plusMillis(400), null);
        assertTrue(tokens.authenticate(erin.token()).isPresent());
        Thread.sleep(600);
        assertEquals(Optional.empty(), tokens.authenticate(erin.token()));
    }

    @Test
    public void rotationReplacesTheSecretAtOnceAndKeepsTheRest() {
        IssuedToken frank = tokens.mint("frank", Role.REQUESTOR, null, 50);
        assertTrue(tokens.authenticate(frank.token()).isPresent());
        IssuedToken rotated = tokens.rotate(frank.id());
        assertNotEquals(frank.token(), rotated.token());
        assertEquals(frank.id(), rotated.id());
        assertEquals(Optional.empty(), tokens.authenticate(frank.token()));
        assertEquals(Optional.of(new Principal("frank", Role.REQUESTOR, 50)), tokens.authenticate(rotated.token()));
        assertTrue(tokens.list().stream().anyMatch(t -> t.id().equals(frank.id()) && t.rotated() != null));
        tokens.revoke(frank.id());
        assertStatus(409, null, () -> tokens.rotate(frank.id()));
        assertStatus(404, null, () -> tokens.rotate("nope"));
    }

    @Test
    public void priorityGrantsDefaultToZeroAndAreBounded() {
        assertEquals(0, tokens.authenticate(tokens.mint("gina", Role.REQUESTOR).token()).orElseThrow().maxPriority());
        assertEquals(1000, tokens.authenticate(tokens.mint("hank", Role.ADMIN).token()).orElseThrow().maxPriority());
        assertEquals(200, tokens.authenticate(tokens.mint("ivy", Role.REQUESTOR, null, 200).token()).orElseThrow().maxPriority());
        assertStatus(400, "maxPriority", () -> tokens.mint("jack", Role.REQUESTOR, null, 1001));
        assertStatus(400, "maxPriority", () -> tokens.mint("jack", Role.REQUESTOR, null, -1));
        assertFalse(tokens.list().stream().anyMatch(t -> t.name().equals("jack")));
    }
}
