package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/** SQL for workloads, their replicas and retry exclusions (tables {@code wl_workload}, {@code wl_replica}, {@code wl_exclusion}). */
public final class WorkloadRepo {
    private static final String COLS = "id, owner, name, kind, image, command, env, inputs, constraints_, cpu_millis, memory_mb, "
            + "timeout_seconds, replicas, max_retries, priority, state, reason, submitted_at, updated_at";

    /** A replica row. State: PENDING, ACTIVE, or a final workload state name. */
    public record Replica(String workloadId, int replica, String state, int retriesUsed, long lastToken, long pendingSince) {
        public static final String PENDING = "PENDING";
        public static final String ACTIVE = "ACTIVE";

        public boolean isFinal() {
            return !PENDING.equals(state) && !ACTIVE.equals(state);
        }
    }

    public void insert(Connection c, String id, String owner, WorkloadSpec s, long now) throws SQLException {
        Db.update(c, "INSERT INTO wl_workload (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, owner, s.name(), s.kind().name(), s.image(), Codec.list(s.command()), Codec.map(s.env()),
                Codec.map(s.inputs()), Codec.map(s.constraints()), s.cpuMillis(), s.memoryMb(), s.timeoutSeconds(),
                s.replicas(), s.maxRetries(), s.priority(), WorkloadState.PENDING.name(), Db.Nullable.VARCHAR, now, now);
        for (int r = 0; r < s.replicas(); r++) {
            Db.update(c, "INSERT INTO wl_replica (workload_id, replica, state, retries_used, last_token, pending_since) VALUES (?,?,?,?,?,?)",
                    id, r, Replica.PENDING, 0, 0L, now);
        }
    }

    /** The workload without attempts, or null. {@code forUpdate} locks the row (PostgreSQL). */
    public Workload get(Connection c, String id) throws SQLException {
        return Db.one(c, "SELECT " + COLS + " FROM wl_workload WHERE id = ?", WorkloadRepo::map, id);
    }

    public List<Workload> list(Connection c, String owner) throws SQLException {
        return owner == null
                ? Db.query(c, "SELECT " + COLS + " FROM wl_workload ORDER BY submitted_at DESC, id", WorkloadRepo::map)
                : Db.query(c, "SELECT " + COLS + " FROM wl_workload WHERE owner = ? ORDER BY submitted_at DESC, id", WorkloadRepo::map, owner);
    }

    public long count(Connection c) throws SQLException {
        return Db.one(c, "SELECT COUNT(*) FROM wl_workload", rs -> rs.getLong(1));
    }

    public void setState(Connection c, String id, WorkloadState state, String reason, long now) throws SQLException {
        Db.update(c, "UPDATE wl_workload SET state = ?, reason = ?, updated_at = ? WHERE id = ?", state.name(),
                reason == null ? Db.Nullable.VARCHAR : truncate(reason), now, id);
    }

    public List<Replica> replicas(Connection c, String workloadId) throws SQLException {
        return Db.query(c, "SELECT workload_id, replica, state, retries_used, last_token, pending_since FROM wl_replica "
                + "WHERE workload_id = ? ORDER BY replica", WorkloadRepo::replica, workloadId);
    }

    public Replica replica(Connection c, String workloadId, int replica) throws SQLException {
        return Db.one(c, "SELECT workload_id, replica, state, retries_used, last_token, pending_since FROM wl_replica "
                + "WHERE workload_id = ? AND replica = ?", WorkloadRepo::replica, workloadId, replica);
    }

    /** Pending replicas of non-final workloads. */
    public List<Replica> pendingReplicas(Connection c) throws SQLException {
        return Db.query(c, "SELECT workload_id, replica, state, retries_used, last_token, pending_since FROM wl_replica "
                + "WHERE state = ?", WorkloadRepo::replica, Replica.PENDING);
    }

    public void updateReplica(Connection c, String workloadId, int replica, String state, int retriesUsed, long lastToken,
            long pendingSince) throws SQLException {
        Db.update(c, "UPDATE wl_replica SET state = ?, retries_used = ?, last_token = ?, pending_since = ? "
                + "WHERE workload_id = ? AND replica = ?", state, retriesUsed, lastToken, pendingSince, workloadId, replica);
    }

    public void exclude(Connection c, String workloadId, int replica, String memberId) throws SQLException {
        if (!excluded(c, workloadId, replica).contains(memberId)) {
            Db.update(c, "INSERT INTO wl_exclusion (workload_id, replica, member_id) VALUES (?,?,?)", workloadId, replica, memberId);
        }
    }

    public Set<String> excluded(Connection c, String workloadId, int replica) throws SQLException {
        return new HashSet<>(Db.query(c, "SELECT member_id FROM wl_exclusion WHERE workload_id = ? AND replica = ?",
                rs -> rs.getString(1), workloadId, replica));
    }

    static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static Replica replica(ResultSet rs) throws SQLException {
        return new Replica(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getLong(6));
    }

    private static Workload map(ResultSet rs) throws SQLException {
        WorkloadSpec spec = new WorkloadSpec(rs.getString("name"), rs.getString("image"), Codec.list(rs.getString("command")),
                Codec.map(rs.getString("env")), rs.getInt("cpu_millis"), rs.getInt("memory_mb"), rs.getInt("timeout_seconds"),
                rs.getInt("replicas"), rs.getInt("max_retries"), Codec.map(rs.getString("inputs")),
                Codec.map(rs.getString("constraints_")), rs.getInt("priority"), WorkloadKind.valueOf(rs.getString("kind")));
        return new Workload(rs.getString("id"), rs.getString("owner"), spec, WorkloadState.valueOf(rs.getString("state")),
                rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("submitted_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), List.of());
    }
}
