package org.sharercloud.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.store.Backup;

/**
 * The online backup on a real Derby database on disk, and the documented restore (the backup folder copied in place of
 * {@code data/sharer/db} while the coordinator is stopped). What was committed before the backup comes back; what came after
 * does not; bad folders are refused with the field named.
 */
public class BackupTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private StoreComponent store;
    private Path db;

    @Before
    public void open() throws Exception {
        db = tmp.getRoot().toPath().resolve("data/sharer/db");
        Files.createDirectories(db.getParent());
        store = new StoreComponent("jdbc:derby:" + db + ";create=true", "", "", 4);
        exec(store, "CREATE TABLE backup_probe (n INT)");
        exec(store, "INSERT INTO backup_probe VALUES (1)");
    }

    @After
    public void close() {
        if (store != null) {
            store.deactivate();
        }
    }

    @Test
    public void anOnlineBackupRestoresWhatWasCommittedBeforeIt() throws Exception {
        Path into = tmp.getRoot().toPath().resolve("backups/one");
        Backup b = store.backup(into.toString());
        exec(store, "INSERT INTO backup_probe VALUES (2)"); // after the backup, while the store stays open
        assertEquals(into.resolve("db").toString(), b.path());
        assertTrue(b.bytes() > 0);
        assertEquals(List.of(1, 2), rows(store));
        store.deactivate();
        store = null;

        // restore 1: the backup folder copied over the live one (the coordinator stopped)
        Path copy = tmp.getRoot().toPath().resolve("restored/db");
        copyTree(Path.of(b.path()), copy);
        StoreComponent restored = new StoreComponent("jdbc:derby:" + copy, "", "", 4);
        try {
            assertEquals(List.of(1), rows(restored));
            assertTrue("migrations already applied in the copy", restored.schemaVersion() > 0);
        } finally {
            restored.deactivate();
        }
    }

    @Test
    public void badFoldersAreRefusedNamingTheField() {
        for (String bad : new String[] {"", "relative/dir", db.toString(), db.resolve("seg0").toString(), db.getParent().toString()}) {
            try {
                store.backup(bad);
                fail("accepted " + bad);
            } catch (ApiException e) {
                assertEquals(bad, 400, e.status());
                assertEquals("directory", e.field());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void exec(StoreComponent s, String sql) throws SQLException {
        try (Connection c = s.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<Integer> rows(StoreComponent s) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = s.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n FROM backup_probe ORDER BY n")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
