package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.AutoscaleStatus;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/** SQL for workloads, their replicas and retry exclusions (tables {@code wl_workload}, {@code wl_replica}, {@code wl_exclusion}). */
public final class WorkloadRepo {
    private static final String COLS = "id, owner, name, kind, image, command, env, inputs, constraints_, cpu_millis, memory_mb, "
            + "timeout_seconds, replicas, max_retries, priority, state, reason, submitted_at, updated_at, runtime_name";
    private static final String SELECT = "SELECT " + COLS + ", min_replicas, max_replicas, target_cpu_percent, predictive, "
            + "last_decision, decided_at FROM wl_workload LEFT JOIN wl_autoscale ON workload_id = id";

    /**
     * A replica row. State: PENDING, ACTIVE, a final workload state name, or REMOVED (scaled down; the row
     * stays so that its fencing tokens keep increasing when the replica comes back).
     */
    public record Replica(String workloadId, int replica, String state, int retriesUsed, long lastToken, long pendingSince) {
        public static final String PENDING = "PENDING";
        public static final String ACTIVE = "ACTIVE";
        public static final String REMOVED = "REMOVED";

        public boolean isFinal() {
            return !PENDING.equals(state) && !ACTIVE.equals(state);
        }
    }

    public void insert(Connection c, String id, String owner, WorkloadSpec s, long now) throws SQLException {
        Db.update(c, "INSERT INTO wl_workload (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, owner, s.name(), s.kind().name(), s.image(), Codec.list(s.command()), Codec.map(s.env()),
                Codec.map(s.inputs()), Codec.map(s.constraints()), s.cpuMillis(), s.memoryMb(), s.timeoutSeconds(),
                s.replicas(), s.maxRetries(), s.priority(), WorkloadState.PENDING.name(), Db.Nullable.VARCHAR, now, now,
                s.runtime() == null ? "docker" : s.runtime());
        for (int r = 0; r < s.replicas(); r++) {
            Db.update(c, "INSERT INTO wl_replica (workload_id, replica, state, retries_used, last_token, pending_since) VALUES (?,?,?,?,?,?)",
                    id, r, Replica.PENDING, 0, 0L, now);
        }
        AutoscalePolicy p = s.autoscaling();
        if (p != null) {
            Db.update(c, "INSERT INTO wl_autoscale (workload_id, min_replicas, max_replicas, target_cpu_percent, predictive) "
                    + "VALUES (?,?,?,?,?)", id, p.minReplicas(), p.maxReplicas(), p.targetCpuPercent(), p.isPredictive());
        }
    }

    /** Ids of the autoscaled services that are not final. */
    public List<String> autoscaled(Connection c) throws SQLException {
        return Db.query(c, "SELECT id FROM wl_workload JOIN wl_autoscale ON workload_id = id WHERE kind = 'SERVICE' "
                + "AND state IN ('PENDING','SCHEDULED','RUNNING') ORDER BY submitted_at, id", rs -> rs.getString(1));
    }

    /** Stores a service's replica count (the spec's {@code replicas}). */
    public void setReplicas(Connection c, String id, int replicas, long now) throws SQLException {
        Db.update(c, "UPDATE wl_workload SET replicas = ?, updated_at = ? WHERE id = ?", replicas, now, id);
    }

    /** Records an autoscaling decision of an autoscaled service (no-op for the others). */
    public void decided(Connection c, String id, String decision, long now) throws SQLException {
        Db.update(c, "UPDATE wl_autoscale SET last_decision = ?, decided_at = ? WHERE workload_id = ?", truncate(decision), now, id);
    }

    /** Adds a PENDING replica row. */
    public void addReplica(Connection c, String workloadId, int replica, long now) throws SQLException {
        Db.update(c, "INSERT INTO wl_replica (workload_id, replica, state, retries_used, last_token, pending_since) VALUES (?,?,?,?,?,?)",
                workloadId, replica, Replica.PENDING, 0, 0L, now);
    }

    /** The workload without attempts, or null. {@code forUpdate} locks the row (PostgreSQL). */
    public Workload get(Connection c, String id) throws SQLException {
        return Db.one(c, SELECT + " WHERE id = ?", WorkloadRepo::map, id);
    }

    public List<Workload> list(Connection c, String owner) throws SQLException {
        return owner == null
                ? Db.query(c, SELECT + " ORDER BY submitted_at DESC, id", WorkloadRepo::map)
                : Db.query(c, SELECT + " WHERE owner = ? ORDER BY submitted_at DESC, id", WorkloadRepo::map, owner);
    }

    /**
     * One page, newest first, filtered by owner, state and a name/id substring (each null for any); one
     * row more than {@code limit} is read to know whether a next page exists.
     */
    public List<Workload> page(Connection c, String owner, WorkloadState state, String search, Cursor after, int limit)
            throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (owner != null) {
            where.append(" AND owner = ?");
            args.add(owner);
        }
        if (state != null) {
            where.append(" AND state = ?");
            args.add(state.name());
        }
        if (search != null && !search.isBlank()) {
            where.append(" AND (LOWER(name) LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\')");
            args.add(Cursor.contains(search.strip()));
            args.add(Cursor.contains(search.strip()));
        }
        if (after != null) {
            where.append(" AND (submitted_at < ? OR (submitted_at = ? AND id > ?))");
            args.add(after.millis());
            args.add(after.millis());
            args.add(after.id());
        }
        return Db.query(c, SELECT + where + " ORDER BY submitted_at DESC, id FETCH FIRST " + (limit + 1) + " ROWS ONLY",
                WorkloadRepo::map, args.toArray());
    }

    /** How many workloads of this owner are not finished (PENDING, SCHEDULED, RUNNING). */
    public long active(Connection c, String owner) throws SQLException {
        return Db.one(c, "SELECT COUNT(*) FROM wl_workload WHERE owner = ? AND state IN ('PENDING', 'SCHEDULED', 'RUNNING')",
                rs -> rs.getLong(1), owner);
    }

    public long count(Connection c) throws SQLException {
        return Db.one(c, "SELECT COUNT(*) FROM wl_workload", rs -> rs.getLong(1));
    }

    public void setState(Connection c, String id, WorkloadState state, String reason, long now) throws SQLException {
        Db.update(c, "UPDATE wl_workload SET state = ?, reason = ?, updated_at = ? WHERE id = ?", state.name(),
                reason == null ? Db.Nullable.VARCHAR : truncate(reason), now, id);
    }

    /** The replicas of a workload, without those scaled down. */
    public List<Replica> replicas(Connection c, String workloadId) throws SQLException {
        return Db.query(c, "SELECT workload_id, replica, state, retries_used, last_token, pending_since FROM wl_replica "
                + "WHERE workload_id = ? AND state <> ? ORDER BY replica", WorkloadRepo::replica, workloadId, Replica.REMOVED);
    }

    /** Every replica row of a workload, scaled-down ones included. */
    public List<Replica> allReplicas(Connection c, String workloadId) throws SQLException {
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

    /**
     * Binds a pending replica to its next fencing token, only if it is still PENDING with {@code lastToken}: false when
     * another transaction (another coordinator's pass, in a lead change's overlap) bound or moved it first. On
     * PostgreSQL and Derby the update waits for a concurrent one on the row and re-reads it, so exactly one wins.
     */
    public boolean claimReplica(Connection c, String workloadId, int replica, long lastToken, long token) throws SQLException {
        return Db.update(c, "UPDATE wl_replica SET state = 'ACTIVE', last_token = ? WHERE workload_id = ? AND replica = ? "
                + "AND state = 'PENDING' AND last_token = ?", token, workloadId, replica, lastToken) == 1;
    }

    /**
     * Takes the workload's row lock until the transaction ends. The lock order of the module: a transaction that changes a
     * workload's replicas, attempts or log takes this lock first, so two coordinators changing one workload at once
     * (a result reported to one while the other cancels or binds) queue instead of deadlocking.
     */
    public void lock(Connection c, String workloadId) throws SQLException {
        Db.update(c, "UPDATE wl_workload SET updated_at = updated_at WHERE id = ?", workloadId);
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
                Codec.map(rs.getString("constraints_")), rs.getInt("priority"), WorkloadKind.valueOf(rs.getString("kind")),
                policy(rs), rs.getString("runtime_name"));
        AutoscaleStatus status = null;
        if (spec.autoscaling() != null) {
            Long at = Db.getLong(rs, "decided_at");
            status = new AutoscaleStatus(spec.replicas(), rs.getString("last_decision"), at == null ? null : Instant.ofEpochMilli(at));
        }
        return new Workload(rs.getString("id"), rs.getString("owner"), spec, WorkloadState.valueOf(rs.getString("state")),
                rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("submitted_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), List.of(), status);
    }

    private static AutoscalePolicy policy(ResultSet rs) throws SQLException {
        Integer min = Db.getInt(rs, "min_replicas");
        return min == null ? null
                : new AutoscalePolicy(min, rs.getInt("max_replicas"), rs.getInt("target_cpu_percent"), rs.getBoolean("predictive"));
    }
}
