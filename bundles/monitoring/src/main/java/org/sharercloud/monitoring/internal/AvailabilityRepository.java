package org.sharercloud.monitoring.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** SQL of table {@code member_availability} (V003): ONLINE milliseconds per member and hour. */
final class AvailabilityRepository {
    private final DataSource db;

    AvailabilityRepository(DataSource db) {
        this.db = db;
    }

    /** Adds milliseconds to each (member, hour), in one transaction: one batch of updates, then one of inserts for new hours. */
    void add(Map<AvailabilityTracker.Key, Long> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<Map.Entry<AvailabilityTracker.Key, Long>> entries = new ArrayList<>(deltas.entrySet());
        try (Connection c = db.getConnection();
                PreparedStatement up = c.prepareStatement("UPDATE member_availability SET online_ms = online_ms + ? WHERE member_id = ? AND hour_start = ?");
                PreparedStatement ins = c.prepareStatement("INSERT INTO member_availability (member_id, hour_start, online_ms) VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Map.Entry<AvailabilityTracker.Key, Long> e : entries) {
                up.setLong(1, e.getValue());
                up.setString(2, e.getKey().memberId());
                up.setLong(3, e.getKey().hour());
                up.addBatch();
            }
            int[] updated = up.executeBatch();
            boolean inserts = false;
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] == 0) {
                    Map.Entry<AvailabilityTracker.Key, Long> e = entries.get(i);
                    ins.setString(1, e.getKey().memberId());
                    ins.setLong(2, e.getKey().hour());
                    ins.setLong(3, e.getValue());
                    ins.addBatch();
                    inserts = true;
                }
            }
            if (inserts) {
                ins.executeBatch();
            }
            c.commit();
        }
    }

    /** Stored milliseconds by hour start, for hours in [from, to]. */
    Map<Long, Long> hours(String memberId, long from, long to) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT hour_start, online_ms FROM member_availability WHERE member_id = ? AND hour_start >= ? AND hour_start <= ?")) {
            p.setString(1, memberId);
            p.setLong(2, from);
            p.setLong(3, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Deletes hours older than {@code cutoff}. */
    void purge(long cutoff) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM member_availability WHERE hour_start < ?")) {
            p.setLong(1, cutoff);
            p.executeUpdate();
        }
    }
}
