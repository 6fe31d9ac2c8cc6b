package org.sharercloud.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Runs the real migrations against embedded Derby and against a real PostgreSQL. PostgreSQL comes
 * from {@code SHARER_TEST_PG_URL} (plus {@code SHARER_TEST_PG_USER}/{@code _PASSWORD}); {@code .ci/run}
 * starts one. Outside CI the PostgreSQL case skips when that variable is unset; in CI it must run.
 */
@RunWith(Parameterized.class)
public class StoreTest {
    @Parameters(name = "{0}")
    public static Collection<Object[]> backends() {
        return Arrays.asList(new Object[][] {{"derby"}, {"postgresql"}});
    }

    private final String backend;

    public StoreTest(String backend) {
        this.backend = backend;
    }

    private String url() throws SQLException {
        if (backend.equals("derby")) {
            return "jdbc:derby:memory:store-" + UUID.randomUUID() + ";create=true";
        }
        String pg = System.getenv("SHARER_TEST_PG_URL");
        if (pg == null || pg.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but SHARER_TEST_PG_URL is unset: .ci/run must start PostgreSQL");
            }
            System.err.println("SKIP PostgreSQL store test: SHARER_TEST_PG_URL is unset (run .ci/run, or start PostgreSQL and set it)");
            assumeTrue(false);
        }
        return pg;
    }

    private StoreComponent open(String url) throws Exception {
        return new StoreComponent(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 4);
    }

    private static void resetPostgres(StoreComponent s) throws SQLException {
        try (Connection c = s.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }

    @Test
    public void migratesToLatestAndIsIdempotent() throws Exception {
        String url = url();
        if (backend.equals("postgresql")) {
            StoreComponent first = open(url);
            resetPostgres(first);
            first.deactivate();
        }
        StoreComponent store = open(url);
        int latest = highestMigration();
        assertEquals("all migrations applied", latest, store.schemaVersion());
        assertEquals(backend, store.kind());
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO api_token (id, name, role, token_hash, created_at, revoked) VALUES ('t1','n','ADMIN','h',1,false)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                rs.next();
                assertEquals(latest, rs.getInt(1));
            }
        }
        if (backend.equals("postgresql")) {
            store.deactivate();
            StoreComponent again = open(url);
            assertEquals("re-opening applies nothing twice", latest, again.schemaVersion());
            try (Connection c = again.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM api_token")) {
                rs.next();
                assertEquals("data survives a restart", 1, rs.getInt(1));
            }
            again.deactivate();
        }
    }

    @Test
    public void pooledConnectionsAreReturnedAndReused() throws Exception {
        StoreComponent store = open(url());
        long before = store.pool().acquired();
        for (int i = 0; i < 50; i++) { // more than the pool size: would block if not returned
            try (Connection c = store.getConnection()) {
                c.setAutoCommit(false);
                assertTrue(c.isValid(2));
            }
        }
        Connection c = store.getConnection();
        c.close();
        assertTrue("a returned connection reports closed", c.isClosed());
        try {
            c.createStatement();
            fail("a returned connection must not be usable");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("closed"));
        }
        assertEquals("every borrowed connection is back", 0, store.pool().active());
        assertEquals(51, store.pool().acquired() - before);
        assertTrue("idle connections kept", store.pool().idle() >= 1);
        store.deactivate();
    }

    @Test
    public void anUnfinishedTransactionIsRolledBackWhenItsConnectionReturns() throws Exception {
        String url = url();
        StoreComponent store = open(url);
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM api_token WHERE id = 'pool-t'");
        }
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO api_token (id, name, role, token_hash, created_at, revoked) VALUES ('pool-t','pool','ADMIN','h2',1,false)");
            // returned without commit
        }
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM api_token WHERE id = 'pool-t'")) {
            assertTrue("auto-commit is restored on a returned connection", c.getAutoCommit());
            rs.next();
            assertEquals("the uncommitted insert was rolled back", 0, rs.getInt(1));
        }
        store.deactivate();
    }

    @Test
    public void aPoolWithNoFreeConnectionFailsWithAHintAndCountsTheTimeout() throws Exception {
        StoreComponent store = new StoreComponent(url(), env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 2, 2, 0, 1);
        try (Connection a = store.getConnection(); Connection b = store.getConnection()) {
            try (Connection c = store.getConnection()) {
                fail("a third connection from a pool of two");
            } catch (SQLException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("raise pool.size"));
            }
            assertEquals(2, store.pool().active());
        }
        assertEquals(1, store.pool().timeouts());
        store.deactivate();
    }

    @Test
    public void aDatabaseThatCannotBeReachedNamesTheSettingsToCheck() {
        try {
            new StoreComponent("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", "y", 2);
            fail("nothing listens on port 1");
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains("etc/org.sharercloud.store.cfg"));
        }
    }

    @Test
    public void rejectsUnknownJdbcUrl() {
        try {
            new StoreComponent("jdbc:mysql://localhost/x", "", "", 4);
            fail("mysql is not supported");
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains("jdbc:derby: or jdbc:postgresql:"));
        }
    }

    private static int highestMigration() {
        int v = 0;
        while (StoreComponent.resource(String.format("migrations/V%03d.sql", v + 1)) != null) {
            v++;
        }
        return v;
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }
}
