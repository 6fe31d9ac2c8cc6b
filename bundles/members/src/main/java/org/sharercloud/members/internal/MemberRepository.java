package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;

/** SQL of tables {@code member} (V002, V010: {@code changed_at}) and {@code member_removed} (V010). */
final class MemberRepository {
    private static final String LIVE_COLUMNS = "name = ?, state = ?, last_seen = ?, hostname = ?, os = ?, arch = ?, cores = ?, memory_mb = ?, "
            + "disk_mb = ?, docker_available = ?, labels = ?, max_cpu_share = ?, max_memory_mb = ?, sharing_hours = ?, "
            + "pause_when_owner_active = ?, owner_active_threshold = ?, has_metrics = ?, cpu_load = ?, owner_load = ?, "
            + "memory_used_mb = ?, memory_total_mb = ?, disk_free_mb = ?, uptime_seconds = ?, runtimes = ?, owner_active_seconds = ?, "
            + "owner_idle_seconds = ?, owner_idle_margin = ?";

    private static final String SELECT = "SELECT id, machine_id, joined_at, credential_hash, "
            + "cordoned, name, state, last_seen, hostname, os, arch, cores, memory_mb, disk_mb, docker_available, labels, max_cpu_share, "
            + "max_memory_mb, sharing_hours, pause_when_owner_active, owner_active_threshold, has_metrics, cpu_load, owner_load, "
            + "memory_used_mb, memory_total_mb, disk_free_mb, uptime_seconds, runtimes, owner_active_seconds, owner_idle_seconds, owner_idle_margin, "
            + "changed_at FROM member";
    /**
     * Every write of a row moves {@code changed_at} to the database clock, or one past its value when that is not
     * earlier (two writes in one millisecond): so a reader that applied a row with some {@code changed_at} has seen
     * every write up to it, and skips the row while it has not changed. Two parameters, both the clock.
     */
    private static final String STAMP = "changed_at = CASE WHEN changed_at < CAST(? AS BIGINT) THEN CAST(? AS BIGINT) ELSE changed_at + 1 END";
    /** Rows per statement of a flush or a sweep. */
    private static final int CHUNK = 500;

    /** Rows read from the store with the database clock when they were read. */
    record Read(long dbNow, List<MemberRecord> rows, List<String> removed) {
    }

    private final DataSource db;
    private final DbClock clock;

    MemberRepository(DataSource db, DbClock clock) {
        this.db = db;
        this.clock = clock;
    }

    DbClock clock() {
        return clock;
    }

    Connection connection() throws SQLException {
        return db.getConnection();
    }

    /** Every member, with the database clock before the read. */
    Read loadAll() throws SQLException {
        try (Connection c = db.getConnection()) {
            long now = clock.now(c);
            List<MemberRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(SELECT); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return new Read(now, out, List.of());
        }
    }

    /** One member as stored, or null. */
    MemberRecord find(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(SELECT + " WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /**
     * The members whose row changed after {@code since} and the ids of members removed after it (both by the database
     * clock; {@code member_changed} and {@code member_removed_at} indexes), with the database clock before the read.
     */
    Read changedSince(long since, Skip skip) throws SQLException {
        try (Connection c = db.getConnection()) {
            long now = clock.now(c);
            List<MemberRecord> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE changed_at > ?")) {
                p.setLong(1, since);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (!skip.known(rs.getString(1), rs.getLong(33))) {
                            rows.add(read(rs));
                        }
                    }
                }
            }
            List<String> removed = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM member_removed WHERE removed_at > ?")) {
                p.setLong(1, since);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        removed.add(rs.getString(1));
                    }
                }
            }
            return new Read(now, rows, removed);
        }
    }

    /** Whether a row of this id and {@code changed_at} is already applied (it is then not decoded). */
    interface Skip {
        boolean known(String id, long changedAt);
    }

    private static MemberRecord read(ResultSet rs) throws SQLException {
        MemberRecord r = new MemberRecord(rs.getString(1), rs.getString(2), rs.getLong(3));
        r.credentialHash = Credentials.unhex(rs.getString(4));
        r.cordoned = rs.getBoolean(5);
        r.name = rs.getString(6);
        r.state = MemberState.valueOf(rs.getString(7));
        r.lastSeen = rs.getLong(8);
        r.host = new HostInfo(r.machineId, rs.getString(9), rs.getString(10), rs.getString(11), rs.getInt(12), rs.getLong(13),
                rs.getLong(14), rs.getBoolean(15), LabelCodec.decode(rs.getString(16)), LabelCodec.decodeRuntimes(rs.getString(29)));
        r.policy = new SharingPolicy(rs.getDouble(17), rs.getLong(18), rs.getString(19), rs.getBoolean(20), rs.getDouble(21),
                rs.getInt(30), rs.getInt(31), rs.getDouble(32));
        if (rs.getBoolean(22)) {
            r.metrics = new HostMetrics(rs.getDouble(23), rs.getDouble(24), rs.getLong(25), rs.getLong(26), rs.getLong(27), rs.getLong(28));
        }
        r.changedAt = rs.getLong(33);
        return r;
    }

    /** Inserts a new member (inside the caller's join transaction), stamped {@code now} by the database clock. */
    void insert(Connection c, MemberRecord r, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO member (" + LIVE_COLUMNS.replace(" = ?", "")
                + ", changed_at, id, machine_id, joined_at, credential_hash, cordoned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindLive(p, r, now);
            p.setLong(i++, now);
            p.setString(i++, r.id);
            p.setString(i++, r.machineId);
            p.setLong(i++, r.joinedAt);
            p.setString(i++, Credentials.hex(r.credentialHash));
            p.setBoolean(i, r.cordoned);
            p.executeUpdate();
        }
    }

    /** Re-join: new credential and host description (inside the caller's join transaction), stamped {@code now}. */
    void updateIdentity(Connection c, MemberRecord r, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE member SET " + LIVE_COLUMNS + ", " + STAMP + ", credential_hash = ? WHERE id = ?")) {
            int i = bindLive(p, r, now);
            p.setLong(i++, now);
            p.setLong(i++, now);
            p.setString(i++, Credentials.hex(r.credentialHash));
            p.setString(i, r.id);
            p.executeUpdate();
        }
    }

    /**
     * The write-behind of heartbeats, in one transaction: reads the database clock, writes the host description of
     * {@code described} members, and stamps {@code live} members' {@code last_seen} and {@code changed_at} with it,
     * with their state and metrics (on PostgreSQL one {@code UPDATE … FROM (VALUES …)} per {@value #CHUNK} members, on
     * Derby one batch). Returns the stamp; {@code missing} receives the ids whose row is gone (removed meanwhile).
     */
    long flush(Collection<MemberRecord> described, Collection<MemberRecord> live, Set<String> missing) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long now = clock.now(c);
                if (!described.isEmpty()) {
                    batch(c, described, "UPDATE member SET " + LIVE_COLUMNS + ", " + STAMP + " WHERE id = ?", (p, r) -> {
                        int i = bindLive(p, r, now);
                        p.setLong(i++, now);
                        p.setLong(i++, now);
                        return i;
                    }, missing);
                }
                if (!live.isEmpty()) {
                    if (clock.postgres()) {
                        stampValues(c, live, now, missing);
                    } else {
                        batch(c, live, "UPDATE member SET last_seen = ?, " + STAMP + ", state = ?, has_metrics = ?, cpu_load = ?, owner_load = ?, "
                                + "memory_used_mb = ?, memory_total_mb = ?, disk_free_mb = ?, uptime_seconds = ? WHERE id = ?", (p, r) -> {
                                    p.setLong(1, now);
                                    p.setLong(2, now);
                                    p.setLong(3, now);
                                    return bindState(p, r, 4);
                                }, missing);
                    }
                }
                c.commit();
                return now;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private interface Binder {
        int bind(PreparedStatement p, MemberRecord r) throws SQLException;
    }

    private static void batch(Connection c, Collection<MemberRecord> records, String sql, Binder binder, Set<String> missing) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            List<String> ids = new ArrayList<>(CHUNK);
            for (MemberRecord r : records) {
                synchronized (r) {
                    p.setString(binder.bind(p, r), r.id);
                }
                p.addBatch();
                ids.add(r.id);
                if (ids.size() == CHUNK) {
                    gone(p.executeBatch(), ids, missing);
                }
            }
            gone(p.executeBatch(), ids, missing);
        }
    }

    private static void gone(int[] counts, List<String> ids, Set<String> missing) {
        for (int i = 0; i < counts.length && i < ids.size(); i++) {
            if (counts[i] == 0) {
                missing.add(ids.get(i));
            }
        }
        ids.clear();
    }

    /** PostgreSQL: {@code UPDATE member … FROM (VALUES …)} per chunk, the measured {@code benchmarks/scale/heartbeat-batch.sql}. */
    private static void stampValues(Connection c, Collection<MemberRecord> live, long now, Set<String> missing) throws SQLException {
        List<MemberRecord> all = new ArrayList<>(live);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<MemberRecord> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("UPDATE member AS m SET last_seen = ?, " + STAMP + ", state = v.state, has_metrics = v.hm, "
                    + "cpu_load = v.cpu, owner_load = v.owner, memory_used_mb = v.mu, memory_total_mb = v.mt, disk_free_mb = v.df, "
                    + "uptime_seconds = v.up FROM (VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(i == 0
                        ? "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BOOLEAN), CAST(? AS FLOAT8), CAST(? AS FLOAT8), CAST(? AS BIGINT), "
                                + "CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))"
                        : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            sql.append(") AS v(id, state, hm, cpu, owner, mu, mt, df, up) WHERE m.id = v.id RETURNING m.id");
            Set<String> updated = new java.util.HashSet<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                p.setLong(1, now);
                p.setLong(2, now);
                p.setLong(3, now);
                int i = 4;
                for (MemberRecord r : chunk) {
                    synchronized (r) {
                        p.setString(i, r.id);
                        i = bindState(p, r, i + 1);
                    }
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        updated.add(rs.getString(1));
                    }
                }
            }
            for (MemberRecord r : chunk) {
                if (!updated.contains(r.id)) {
                    missing.add(r.id);
                }
            }
        }
    }

    /** Cordons or uncordons; returns the database clock it was stamped with. */
    long setCordoned(String id, boolean cordoned) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE member SET cordoned = ?, " + STAMP + " WHERE id = ?")) {
            long now = clock.now(c);
            p.setBoolean(1, cordoned);
            p.setLong(2, now);
            p.setLong(3, now);
            p.setString(4, id);
            p.executeUpdate();
            return now;
        }
    }

    /** Deletes a member and records its id as removed (for the other coordinators' refresh), in one transaction. */
    void delete(String id) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long now = clock.now(c);
                try (PreparedStatement p = c.prepareStatement("DELETE FROM member WHERE id = ?")) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM member_removed WHERE id = ?")) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO member_removed (id, removed_at) VALUES (?, ?)")) {
                    p.setString(1, id);
                    p.setLong(2, now);
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Forgets removal records older than {@code cutoff} (every coordinator has long read them). */
    int pruneRemoved(long cutoff) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM member_removed WHERE removed_at < ?")) {
            p.setLong(1, cutoff);
            return p.executeUpdate();
        }
    }

    /**
     * The liveness sweep's write (inside the caller's transaction, {@code now} read from the database clock in it): each
     * candidate goes OFFLINE when its stored {@code last_seen} is before {@code offlineCut}, else SUSPECT when it is
     * before {@code suspectCut} and it was ONLINE or DRAINING. The stored row decides (a heartbeat stamped by any
     * coordinator since the caller looked wins); one batched statement per target state. Returns what changed.
     */
    java.util.Map<String, MemberState> sweep(Connection c, Collection<String> candidates, long now, long offlineCut, long suspectCut)
            throws SQLException {
        java.util.Map<String, MemberState> changed = new java.util.LinkedHashMap<>();
        guarded(c, candidates, "UPDATE member SET state = 'OFFLINE', " + STAMP + " WHERE id = ? AND state <> 'OFFLINE' AND last_seen < ?",
                now, offlineCut, MemberState.OFFLINE, changed);
        List<String> rest = candidates.stream().filter(id -> !changed.containsKey(id)).toList();
        guarded(c, rest, "UPDATE member SET state = 'SUSPECT', " + STAMP + " WHERE id = ? AND state IN ('ONLINE', 'DRAINING') AND last_seen < ?",
                now, suspectCut, MemberState.SUSPECT, changed);
        return changed;
    }

    private static void guarded(Connection c, Collection<String> ids, String sql, long now, long cut, MemberState to,
            java.util.Map<String, MemberState> changed) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            List<String> batch = new ArrayList<>(CHUNK);
            for (String id : ids) {
                p.setLong(1, now);
                p.setLong(2, now);
                p.setString(3, id);
                p.setLong(4, cut);
                p.addBatch();
                batch.add(id);
                if (batch.size() == CHUNK) {
                    took(p.executeBatch(), batch, to, changed);
                }
            }
            took(p.executeBatch(), batch, to, changed);
        }
    }

    private static void took(int[] counts, List<String> ids, MemberState to, java.util.Map<String, MemberState> changed) {
        for (int i = 0; i < counts.length && i < ids.size(); i++) {
            if (counts[i] > 0) {
                changed.put(ids.get(i), to);
            }
        }
        ids.clear();
    }

    private static int bindState(PreparedStatement p, MemberRecord r, int at) throws SQLException {
        HostMetrics m = r.metrics;
        int i = at;
        p.setString(i++, r.state.name());
        p.setBoolean(i++, m != null);
        p.setDouble(i++, m == null ? 0 : m.cpuLoad());
        p.setDouble(i++, m == null ? 0 : m.ownerLoad());
        p.setLong(i++, m == null ? 0 : m.memoryUsedMb());
        p.setLong(i++, m == null ? 0 : m.memoryTotalMb());
        p.setLong(i++, m == null ? 0 : m.diskFreeMb());
        p.setLong(i++, m == null ? 0 : m.uptimeSeconds());
        return i;
    }

    private static int bindLive(PreparedStatement p, MemberRecord r, long lastSeen) throws SQLException {
        HostInfo h = r.host;
        SharingPolicy s = r.policy;
        HostMetrics m = r.metrics;
        int i = 1;
        p.setString(i++, r.name);
        p.setString(i++, r.state.name());
        p.setLong(i++, lastSeen);
        p.setString(i++, h.hostname());
        p.setString(i++, h.os() == null ? "" : h.os());
        p.setString(i++, h.arch() == null ? "" : h.arch());
        p.setInt(i++, h.cores());
        p.setLong(i++, h.memoryMb());
        p.setLong(i++, h.diskMb());
        p.setBoolean(i++, h.dockerAvailable());
        p.setString(i++, LabelCodec.encode(h.labels()));
        p.setDouble(i++, s.maxCpuShare());
        p.setLong(i++, s.maxMemoryMb());
        p.setString(i++, s.sharingHours());
        p.setBoolean(i++, s.pauseWhenOwnerActive());
        p.setDouble(i++, s.ownerActiveThreshold());
        p.setBoolean(i++, m != null);
        p.setDouble(i++, m == null ? 0 : m.cpuLoad());
        p.setDouble(i++, m == null ? 0 : m.ownerLoad());
        p.setLong(i++, m == null ? 0 : m.memoryUsedMb());
        p.setLong(i++, m == null ? 0 : m.memoryTotalMb());
        p.setLong(i++, m == null ? 0 : m.diskFreeMb());
        p.setLong(i++, m == null ? 0 : m.uptimeSeconds());
        p.setString(i++, LabelCodec.encodeRuntimes(h.runtimes()));
        p.setInt(i++, s.ownerActiveSeconds());
        p.setInt(i++, s.ownerIdleSeconds());
        p.setDouble(i++, s.ownerIdleMargin());
        return i;
    }
}
