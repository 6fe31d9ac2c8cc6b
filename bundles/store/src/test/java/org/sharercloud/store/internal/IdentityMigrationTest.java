package org.sharercloud.store.internal;

import static org.junit.Assert.assertEquals;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.Test;

/**
 * The identity-and-access migration on a database that already holds data: duplicate token names (allowed before)
 * keep the oldest under the name and rename the others, after which names are unique; a machine id may repeat.
 */
public class IdentityMigrationTest {
    /** The migration that makes token names unique, found by its content (so renumbering it needs no change here). */
    private static final int IDENTITY = identityMigration();

    private static int identityMigration() {
        for (int v = 1; v < 1000; v++) {
            URL url = StoreComponent.class.getResource(String.format("/org/sharercloud/store/migrations/V%03d.sql", v));
            if (url == null) {
                break;
            }
            try (java.io.InputStream in = url.openStream()) {
                if (new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("CREATE UNIQUE INDEX api_token_name")) {
                    return v;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no migration creates api_token_name");
    }

    private static Function<String, URL> upTo(int version) {
        return name -> Integer.parseInt(name.substring(1, 4)) > version ? null
                : StoreComponent.class.getResource("/org/sharercloud/store/migrations/" + name);
    }

    @Test
    public void duplicateTokenNamesKeepTheOldestAndMachineIdsMayRepeat() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:identity-" + UUID.randomUUID());
        ds.setCreateDatabase("create");
        assertEquals(IDENTITY - 1, new Migrator(Dialect.DERBY, upTo(IDENTITY - 1)).migrate(ds));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO api_token (id, name, role, token_hash, created_at, revoked) VALUES "
                    + "('t2','alice','REQUESTOR','h2',2,false), ('t1','alice','REQUESTOR','h1',1,false), "
                    + "('t3','alice','ADMIN','h3',3,true), ('t4','bob','REQUESTOR','h4',1,false)");
        }
        assertEquals(IDENTITY, new Migrator(Dialect.DERBY, upTo(IDENTITY)).migrate(ds));
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, max_priority FROM api_token ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getString(1) + "=" + rs.getString(2) + "/" + rs.getInt(3));
            }
        }
        assertEquals(List.of("t1=alice/0", "t2=alice#t2/0", "t3=alice#t3/0", "t4=bob/0"), names);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeUpdate("INSERT INTO api_token (id, name, role, token_hash, created_at, revoked) VALUES ('t5','bob','REQUESTOR','h5',5,false)");
                throw new AssertionError("a duplicate name must be refused by the database too");
            } catch (java.sql.SQLException expected) {
                // unique index api_token_name
            }
            String member = "INSERT INTO member (id, machine_id, name, credential_hash, state, cordoned, joined_at, last_seen, hostname, os, arch, "
                    + "cores, memory_mb, disk_mb, docker_available, max_cpu_share, max_memory_mb, sharing_hours, pause_when_owner_active, "
                    + "owner_active_threshold, has_metrics, cpu_load, owner_load, memory_used_mb, memory_total_mb, disk_free_mb, uptime_seconds) "
                    + "VALUES ('%s', 'same-machine', 'n', 'h', 'ONLINE', false, 1, 1, 'h', 'Linux', 'amd64', 1, 1, 1, true, 1, 1, '0-24', false, "
                    + "0.5, false, 0, 0, 0, 0, 0, 0)";
            s.executeUpdate(String.format(member, "m1"));
            s.executeUpdate(String.format(member, "m2"));
        }
    }
}
