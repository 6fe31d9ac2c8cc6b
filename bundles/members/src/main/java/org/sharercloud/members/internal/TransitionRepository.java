package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.MemberTransition;

/** SQL of table {@code member_transition} (V007). */
final class TransitionRepository {
    static final int MAX_REASON = 500;

    /** One transition with its id (ids grow with time, so they order and page the history). */
    record Row(long id, String memberId, long at, MemberState from, MemberState to, boolean cordoned, String reason) {
        MemberTransition view() {
            return new MemberTransition(Instant.ofEpochMilli(at), from, to, cordoned, reason);
        }
    }

    private final DataSource db;

    TransitionRepository(DataSource db) {
        this.db = db;
    }

    long maxId() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(id) FROM member_transition")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void insert(Collection<Row> rows) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO member_transition "
                + "(id, member_id, changed_at, from_state, to_state, cordoned, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            int n = 0;
            for (Row r : rows) {
                p.setLong(1, r.id());
                p.setString(2, r.memberId());
                p.setLong(3, r.at());
                p.setString(4, r.from().name());
                p.setString(5, r.to().name());
                p.setBoolean(6, r.cordoned());
                p.setString(7, r.reason().length() > MAX_REASON ? r.reason().substring(0, MAX_REASON) : r.reason());
                p.addBatch();
                if (++n % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    /** Up to {@code limit} transitions of a member with an id below {@code before}, newest first. */
    List<Row> page(String memberId, long before, int limit) throws SQLException {
        List<Row> out = new ArrayList<>(Math.min(limit, 64));
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("SELECT id, changed_at, from_state, to_state, "
                + "cordoned, reason FROM member_transition WHERE member_id = ? AND id < ? ORDER BY id DESC")) {
            p.setString(1, memberId);
            p.setLong(2, before);
            p.setMaxRows(limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), memberId, rs.getLong(2), MemberState.valueOf(rs.getString(3)),
                            MemberState.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** Deletes transitions older than {@code cutoff}, and each member's beyond its newest {@code keep}; returns how many. */
    int prune(long cutoff, int keep) throws SQLException {
        int deleted;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM member_transition WHERE changed_at < ?")) {
                p.setLong(1, cutoff);
                deleted = p.executeUpdate();
            }
            List<String> crowded = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT member_id FROM member_transition GROUP BY member_id HAVING COUNT(*) > ?")) {
                p.setInt(1, keep);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        crowded.add(rs.getString(1));
                    }
                }
            }
            for (String member : crowded) {
                deleted += trim(c, member, keep);
            }
        }
        return deleted;
    }

    private static int trim(Connection c, String member, int keep) throws SQLException {
        long oldestKept;
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM member_transition WHERE member_id = ? ORDER BY id DESC "
                + "OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
            p.setString(1, member);
            p.setInt(2, keep - 1);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                oldestKept = rs.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM member_transition WHERE member_id = ? AND id < ?")) {
            p.setString(1, member);
            p.setLong(2, oldestKept);
            return p.executeUpdate();
        }
    }

    void deleteMember(String memberId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM member_transition WHERE member_id = ?")) {
            p.setString(1, memberId);
            p.executeUpdate();
        }
    }
}
