package org.sharercloud.monitoring.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * SQL of table {@code metric_point} (V003). {@code res_seconds} is 0 for raw samples, 60 and 900
 * for 1-minute and 15-minute averages; averages are weighted by {@code samples}.
 */
final class MetricRepository {
    static final int RAW = 0;
    static final int MINUTE = 60;
    static final int QUARTER = 900;

    private final DataSource db;

    MetricRepository(DataSource db) {
        this.db = db;
    }

    void insertRaw(Collection<Sample> samples) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO metric_point "
                + "(member_id, res_seconds, ts, cpu_load, owner_load, memory_used_mb, samples) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            int n = 0;
            for (Sample s : samples) {
                p.setString(1, s.memberId());
                p.setInt(2, RAW);
                p.setLong(3, s.ts());
                p.setDouble(4, s.cpuLoad());
                p.setDouble(5, s.ownerLoad());
                p.setLong(6, s.memoryUsedMb());
                p.setInt(7, s.samples());
                p.addBatch();
                if (++n % 2000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    /**
     * Averages the points of resolution {@code from} older than {@code cutoff} (a multiple of
     * {@code to} seconds, so no bucket is split) into points of resolution {@code to}, in one transaction.
     *
     * @return the number of points replaced
     */
    int downsample(int from, int to, long cutoff) throws SQLException {
        long width = to * 1000L;
        String bucket = "(ts / " + width + ") * " + width;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO metric_point (member_id, res_seconds, ts, cpu_load, owner_load, "
                    + "memory_used_mb, samples) SELECT member_id, " + to + ", " + bucket + ", SUM(cpu_load * samples) / SUM(samples), "
                    + "SUM(owner_load * samples) / SUM(samples), SUM(memory_used_mb * samples) / SUM(samples), SUM(samples) "
                    + "FROM metric_point WHERE res_seconds = ? AND ts < ? GROUP BY member_id, " + bucket);
                    PreparedStatement del = c.prepareStatement("DELETE FROM metric_point WHERE res_seconds = ? AND ts < ?")) {
                ins.setInt(1, from);
                ins.setLong(2, cutoff);
                ins.executeUpdate();
                del.setInt(1, from);
                del.setLong(2, cutoff);
                int n = del.executeUpdate();
                c.commit();
                return n;
            }
        }
    }

    /** Deletes points of one resolution older than {@code cutoff}. */
    int purge(int res, long cutoff) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM metric_point WHERE res_seconds = ? AND ts < ?")) {
            p.setInt(1, res);
            p.setLong(2, cutoff);
            return p.executeUpdate();
        }
    }

    /** Every point of a member in [from, to), oldest first, whatever its resolution. */
    List<Sample> range(String memberId, long from, long to) throws SQLException {
        List<Sample> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("SELECT ts, cpu_load, owner_load, memory_used_mb, "
                + "samples FROM metric_point WHERE member_id = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            p.setString(1, memberId);
            p.setLong(2, from);
            p.setLong(3, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Sample(memberId, rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    /** Number of points of a resolution (for tests and the exposition). */
    long count(int res) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM metric_point WHERE res_seconds = ?")) {
            p.setInt(1, res);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
