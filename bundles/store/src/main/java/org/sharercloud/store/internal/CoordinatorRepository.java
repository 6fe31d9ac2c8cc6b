package org.sharercloud.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.sharercloud.api.cluster.CoordinatorLoad;

/**
 * The {@code coordinator} table. Every time in it is the database's clock in epoch milliseconds, read in the same
 * transaction that writes it: on PostgreSQL {@code clock_timestamp()}, on embedded Derby the JVM that runs the
 * database (the only coordinator). No coordinator's own clock decides anything shared.
 */
final class CoordinatorRepository {
    /** One stored row, with the database clock at the moment it was read. */
    record Row(String id, String address, long startedAt, long lastBeat, boolean leader, CoordinatorLoad load) {
    }

    /** The rows and the database clock they were read at. */
    record Snapshot(long dbNow, List<Row> rows) {
    }

    private final DataSource ds;
    private final Dialect dialect;

    CoordinatorRepository(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    /** The database clock now, in epoch milliseconds. */
    long now(Connection c) throws SQLException {
        if (dialect == Dialect.DERBY) {
            return System.currentTimeMillis(); // embedded: the database's clock is this JVM's
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Records a beat of {@code id} (inserting its row on the first one, or after the leader pruned it) and, when
     * {@code pruneAfterMillis > 0}, deletes the rows of coordinators silent for longer. Returns the database clock.
     */
    long beat(String id, String address, boolean leader, CoordinatorLoad load, long pruneAfterMillis) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long now = now(c);
                int n;
                try (PreparedStatement p = c.prepareStatement("UPDATE coordinator SET last_beat = ?, leader = ?, address = ?, process_cpu = ?, "
                        + "system_load = ?, heap_used_mb = ?, heap_max_mb = ?, pool_active = ? WHERE id = ?")) {
                    p.setLong(1, now);
                    p.setBoolean(2, leader);
                    p.setString(3, address);
                    setLoad(p, 4, load);
                    p.setString(9, id);
                    n = p.executeUpdate();
                }
                if (n == 0) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO coordinator (id, address, started_at, last_beat, leader, process_cpu, "
                            + "system_load, heap_used_mb, heap_max_mb, pool_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        p.setString(1, id);
                        p.setString(2, address);
                        p.setLong(3, now);
                        p.setLong(4, now);
                        p.setBoolean(5, leader);
                        setLoad(p, 6, load);
                        p.executeUpdate();
                    }
                }
                if (pruneAfterMillis > 0) {
                    try (PreparedStatement p = c.prepareStatement("DELETE FROM coordinator WHERE last_beat < ? AND id <> ?")) {
                        p.setLong(1, now - pruneAfterMillis);
                        p.setString(2, id);
                        p.executeUpdate();
                    }
                }
                c.commit();
                return now;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void setLoad(PreparedStatement p, int at, CoordinatorLoad load) throws SQLException {
        p.setDouble(at, load.processCpu());
        p.setDouble(at + 1, load.systemLoad());
        p.setLong(at + 2, load.heapUsedMb());
        p.setLong(at + 3, load.heapMaxMb());
        p.setInt(at + 4, load.poolActive());
    }

    /** Every row, oldest start first, with the database clock. */
    Snapshot list() throws SQLException {
        try (Connection c = ds.getConnection()) {
            long now = now(c);
            List<Row> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, address, started_at, last_beat, leader, process_cpu, "
                    + "system_load, heap_used_mb, heap_max_mb, pool_active FROM coordinator ORDER BY started_at, id")) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
                            new CoordinatorLoad(rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getLong(9), rs.getInt(10))));
                }
            }
            return new Snapshot(now, rows);
        }
    }

    /** Removes a coordinator's row (it stops cleanly). */
    void remove(String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM coordinator WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }
}
