package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;

/** SQL of table {@code member} (V002). */
final class MemberRepository {
    private static final String LIVE_COLUMNS = "name = ?, state = ?, last_seen = ?, hostname = ?, os = ?, arch = ?, cores = ?, memory_mb = ?, "
            + "disk_mb = ?, docker_available = ?, labels = ?, max_cpu_share = ?, max_memory_mb = ?, sharing_hours = ?, "
            + "pause_when_owner_active = ?, owner_active_threshold = ?, has_metrics = ?, cpu_load = ?, owner_load = ?, "
            + "memory_used_mb = ?, memory_total_mb = ?, disk_free_mb = ?, uptime_seconds = ?, runtimes = ?, owner_active_seconds = ?, "
            + "owner_idle_seconds = ?, owner_idle_margin = ?";

    private final DataSource db;

    MemberRepository(DataSource db) {
        this.db = db;
    }

    List<MemberRecord> loadAll() throws SQLException {
        List<MemberRecord> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("SELECT id, machine_id, joined_at, credential_hash, "
                + "cordoned, name, state, last_seen, hostname, os, arch, cores, memory_mb, disk_mb, docker_available, labels, max_cpu_share, "
                + "max_memory_mb, sharing_hours, pause_when_owner_active, owner_active_threshold, has_metrics, cpu_load, owner_load, "
                + "memory_used_mb, memory_total_mb, disk_free_mb, uptime_seconds, runtimes, owner_active_seconds, owner_idle_seconds, owner_idle_margin "
                + "FROM member"); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
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
                out.add(r);
            }
        }
        return out;
    }

    /** Inserts a new member (inside the caller's join transaction). */
    void insert(Connection c, MemberRecord r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO member (" + LIVE_COLUMNS.replace(" = ?", "")
                + ", id, machine_id, joined_at, credential_hash, cordoned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindLive(p, r);
            p.setString(i++, r.id);
            p.setString(i++, r.machineId);
            p.setLong(i++, r.joinedAt);
            p.setString(i++, Credentials.hex(r.credentialHash));
            p.setBoolean(i, r.cordoned);
            p.executeUpdate();
        }
    }

    /** Re-join: new credential and host description (inside the caller's join transaction). */
    void updateIdentity(Connection c, MemberRecord r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE member SET " + LIVE_COLUMNS + ", credential_hash = ? WHERE id = ?")) {
            int i = bindLive(p, r);
            p.setString(i++, Credentials.hex(r.credentialHash));
            p.setString(i, r.id);
            p.executeUpdate();
        }
    }

    /** Writes the state, last-seen time and metrics of many members in one batch (the frequent, narrow write). */
    void flushLive(Collection<MemberRecord> records) throws SQLException {
        flush(records, "UPDATE member SET state = ?, last_seen = ?, has_metrics = ?, cpu_load = ?, owner_load = ?, memory_used_mb = ?, "
                + "memory_total_mb = ?, disk_free_mb = ?, uptime_seconds = ? WHERE id = ?", MemberRepository::bindState);
    }

    /** Writes everything but identity and credential of many members in one batch (after host or policy changes). */
    void flushDescription(Collection<MemberRecord> records) throws SQLException {
        flush(records, "UPDATE member SET " + LIVE_COLUMNS + " WHERE id = ?", MemberRepository::bindLive);
    }

    private interface Binder {
        int bind(PreparedStatement p, MemberRecord r) throws SQLException;
    }

    private void flush(Collection<MemberRecord> records, String sql, Binder binder) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            int n = 0;
            for (MemberRecord r : records) {
                synchronized (r) {
                    p.setString(binder.bind(p, r), r.id);
                }
                p.addBatch();
                if (++n % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    void setCordoned(String id, boolean cordoned) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE member SET cordoned = ? WHERE id = ?")) {
            p.setBoolean(1, cordoned);
            p.setString(2, id);
            p.executeUpdate();
        }
    }

    void delete(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("DELETE FROM member WHERE id = ?")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    private static int bindState(PreparedStatement p, MemberRecord r) throws SQLException {
        HostMetrics m = r.metrics;
        int i = 1;
        p.setString(i++, r.state.name());
        p.setLong(i++, r.lastSeen);
        p.setBoolean(i++, m != null);
        p.setDouble(i++, m == null ? 0 : m.cpuLoad());
        p.setDouble(i++, m == null ? 0 : m.ownerLoad());
        p.setLong(i++, m == null ? 0 : m.memoryUsedMb());
        p.setLong(i++, m == null ? 0 : m.memoryTotalMb());
        p.setLong(i++, m == null ? 0 : m.diskFreeMb());
        p.setLong(i++, m == null ? 0 : m.uptimeSeconds());
        return i;
    }

    private static int bindLive(PreparedStatement p, MemberRecord r) throws SQLException {
        HostInfo h = r.host;
        SharingPolicy s = r.policy;
        HostMetrics m = r.metrics;
        int i = 1;
        p.setString(i++, r.name);
        p.setString(i++, r.state.name());
        p.setLong(i++, r.lastSeen);
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
