package org.sharercloud.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * Applies the numbered migrations {@code migrations/V001.sql, V002.sql, …} in order, each in its
 * own transaction, recording them in {@code schema_version}. Statements are separated by a line
 * ending in {@code ;}. The same files run on Derby and PostgreSQL (see {@link Dialect}).
 */
public final class Migrator {
    private final Dialect dialect;
    private final Function<String, URL> resources;

    /** @param resources finds a resource by name relative to the migrations folder */
    public Migrator(Dialect dialect, Function<String, URL> resources) {
        this.dialect = dialect;
        this.resources = resources;
    }

    /** Runs every migration not yet applied; returns the schema version reached. */
    public int migrate(DataSource ds) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ensureVersionTable(c);
            int version = currentVersion(c);
            for (int next = version + 1;; next++) {
                URL url = resources.apply(String.format("V%03d.sql", next));
                if (url == null) {
                    return version;
                }
                apply(c, next, read(url));
                version = next;
            }
        }
    }

    private void ensureVersionTable(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, dialect == Dialect.DERBY ? "SCHEMA_VERSION" : "schema_version", null)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            c.rollback(); // another coordinator created it first
        }
    }

    private int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection c, int version, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
            }
            if (currentVersion(c) >= version) { // applied meanwhile by another coordinator
                c.rollback();
                return;
            }
            for (String stmt : statements(dialect.expand(script))) {
                s.execute(stmt);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, description(script));
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration V" + version + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = cur.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String description(String script) {
        String first = script.lines().findFirst().orElse("").strip();
        String d = first.startsWith("--") ? first.substring(2).strip() : "migration";
        return d.length() > 200 ? d.substring(0, 200) : d;
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
