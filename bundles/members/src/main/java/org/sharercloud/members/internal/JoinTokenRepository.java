package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.sharercloud.api.members.JoinTokenInfo;

/** SQL of table {@code join_token} (V002): hashes only; uses are consumed atomically. */
final class JoinTokenRepository {
    /** A stored join token. */
    record Row(String id, long expiresAt, int usesLeft) {
    }

    private final DataSource db;

    JoinTokenRepository(DataSource db) {
        this.db = db;
    }

    void insert(String id, byte[] hash, long createdAt, long expiresAt, int uses) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO join_token (id, token_hash, created_at, expires_at, uses, uses_left) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, Credentials.hex(hash));
            p.setLong(3, createdAt);
            p.setLong(4, expiresAt);
            p.setInt(5, uses);
            p.setInt(6, uses);
            p.executeUpdate();
        }
    }

    /** Tokens not yet expired with uses left at {@code now}, newest first, at most {@code max}. */
    List<JoinTokenInfo> usable(long now, int max) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT id, created_at, expires_at, uses, uses_left FROM join_token WHERE expires_at > ? AND uses_left > 0 "
                        + "ORDER BY created_at DESC FETCH FIRST " + max + " ROWS ONLY")) {
            p.setLong(1, now);
            List<JoinTokenInfo> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new JoinTokenInfo(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getInt(4), rs.getInt(5)));
                }
            }
            return out;
        }
    }

    Optional<Row> find(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, expires_at, uses_left FROM join_token WHERE token_hash = ?")) {
            p.setString(1, Credentials.hex(hash));
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getLong(2), rs.getInt(3))) : Optional.empty();
            }
        }
    }

    /** Takes one use if the token is still valid at {@code now}; false when expired or used up meanwhile. */
    boolean consume(Connection c, String id, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE join_token SET uses_left = uses_left - 1 WHERE id = ? AND uses_left > 0 AND expires_at > ?")) {
            p.setString(1, id);
            p.setLong(2, now);
            return p.executeUpdate() == 1;
        }
    }
}
