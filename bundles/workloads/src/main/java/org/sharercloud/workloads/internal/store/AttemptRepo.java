package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;

/** SQL for attempts (table {@code wl_attempt}). */
public final class AttemptRepo {
    private static final String COLS = "id, workload_id, replica, member_id, fencing_token, state, exit_code, reason, placement, "
            + "scheduled_at, started_at, finished_at, cpu_seconds, peak_memory_mb, outputs_sha256, stop_pending, log_bytes";
    private static final String ACTIVE = "('SCHEDULED','RUNNING')";

    /** An attempt with the coordinator's bookkeeping. */
    public record Row(Attempt attempt, boolean stopPending, long logBytes) {
    }

    public void insert(Connection c, Attempt a) throws SQLException {
        Db.update(c, "INSERT INTO wl_attempt (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", a.id(), a.workloadId(),
                a.replica(), a.memberId(), a.fencingToken(), a.state().name(), Db.Nullable.INTEGER, Db.Nullable.VARCHAR,
                a.placement() == null ? Db.Nullable.VARCHAR : WorkloadRepo.truncate(a.placement()), a.scheduledAt().toEpochMilli(),
                Db.Nullable.BIGINT, Db.Nullable.BIGINT, 0.0, 0L, Db.Nullable.VARCHAR, false, 0L);
    }

    public Row get(Connection c, String id) throws SQLException {
        return Db.one(c, "SELECT " + COLS + " FROM wl_attempt WHERE id = ?", AttemptRepo::row, id);
    }

    public List<Attempt> ofWorkload(Connection c, String workloadId) throws SQLException {
        return Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE workload_id = ? ORDER BY scheduled_at, replica, fencing_token",
                rs -> row(rs).attempt(), workloadId);
    }

    /** Attempts holding resources (SCHEDULED or RUNNING), on one member or (null) all. */
    /** A member's attempts, newest first, one more than {@code limit} (to know whether a next page exists). */
    public List<Attempt> ofMember(Connection c, String memberId, Cursor after, int limit) throws SQLException {
        String page = " ORDER BY scheduled_at DESC, id FETCH FIRST " + (limit + 1) + " ROWS ONLY";
        return after == null
                ? Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE member_id = ?" + page, rs -> row(rs).attempt(), memberId)
                : Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE member_id = ? AND (scheduled_at < ? OR (scheduled_at = ? AND id > ?))"
                        + page, rs -> row(rs).attempt(), memberId, after.millis(), after.millis(), after.id());
    }

    public List<Row> active(Connection c, String memberId) throws SQLException {
        return memberId == null
                ? Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE state IN " + ACTIVE + " ORDER BY scheduled_at", AttemptRepo::row)
                : Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE member_id = ? AND state IN " + ACTIVE + " ORDER BY scheduled_at",
                        AttemptRepo::row, memberId);
    }

    /** Final attempts whose agent has not yet confirmed the stop. */
    public List<Row> stopPending(Connection c) throws SQLException {
        return Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE stop_pending = ?", AttemptRepo::row, true);
    }

    /** A member's final attempts whose agent has not yet confirmed the stop. */
    public List<Row> stopPending(Connection c, String memberId) throws SQLException {
        return Db.query(c, "SELECT " + COLS + " FROM wl_attempt WHERE member_id = ? AND stop_pending = ?", AttemptRepo::row, memberId, true);
    }

    public void markRunning(Connection c, String id, long now) throws SQLException {
        Db.update(c, "UPDATE wl_attempt SET state = 'RUNNING', started_at = ? WHERE id = ?", now, id);
    }

    public void usage(Connection c, String id, double cpuSeconds, long peakMemoryMb) throws SQLException {
        Db.update(c, "UPDATE wl_attempt SET cpu_seconds = ?, peak_memory_mb = ? WHERE id = ?", cpuSeconds, peakMemoryMb, id);
    }

    public void addLogBytes(Connection c, String id, long bytes) throws SQLException {
        Db.update(c, "UPDATE wl_attempt SET log_bytes = log_bytes + ? WHERE id = ?", bytes, id);
    }

    /**
     * Makes an active attempt final. {@code stopPending}: the agent must still be told to stop it. False when it was
     * already final: a concurrent transaction (a result reported to one coordinator while another expires or cancels
     * it) finished it first; the update waits for it and re-reads the row, so an attempt is finished exactly once.
     */
    public boolean finish(Connection c, String id, AttemptState state, Integer exitCode, String reason, String outputsSha256,
            boolean stopPending, long now) throws SQLException {
        return Db.update(c, "UPDATE wl_attempt SET state = ?, exit_code = ?, reason = ?, outputs_sha256 = ?, stop_pending = ?, "
                + "finished_at = ?, started_at = COALESCE(started_at, ?) WHERE id = ? AND state IN " + ACTIVE, state.name(),
                Db.intOrNull(exitCode), reason == null ? Db.Nullable.VARCHAR : WorkloadRepo.truncate(reason),
                outputsSha256 == null ? Db.Nullable.VARCHAR : outputsSha256, stopPending, now, now, id) == 1;
    }

    public void clearStop(Connection c, String id) throws SQLException {
        Db.update(c, "UPDATE wl_attempt SET stop_pending = ? WHERE id = ?", false, id);
    }

    /** Sum of cpu and memory of the active attempts on a member, with their count. */
    public long[] allocated(Connection c, String memberId) throws SQLException {
        return Db.one(c, "SELECT COALESCE(SUM(w.cpu_millis), 0), COALESCE(SUM(w.memory_mb), 0), COUNT(*) FROM wl_attempt a "
                + "JOIN wl_workload w ON w.id = a.workload_id WHERE a.member_id = ? AND a.state IN " + ACTIVE,
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, memberId);
    }

    /** Members with active attempts. */
    public List<String> activeMembers(Connection c) throws SQLException {
        return Db.query(c, "SELECT DISTINCT member_id FROM wl_attempt WHERE state IN " + ACTIVE, rs -> rs.getString(1));
    }

    private static Row row(ResultSet rs) throws SQLException {
        Long started = Db.getLong(rs, "started_at");
        Long finished = Db.getLong(rs, "finished_at");
        Attempt a = new Attempt(rs.getString("id"), rs.getString("workload_id"), rs.getInt("replica"), rs.getString("member_id"),
                rs.getLong("fencing_token"), AttemptState.valueOf(rs.getString("state")), Db.getInt(rs, "exit_code"),
                rs.getString("reason"), rs.getString("placement"), Instant.ofEpochMilli(rs.getLong("scheduled_at")),
                started == null ? null : Instant.ofEpochMilli(started), finished == null ? null : Instant.ofEpochMilli(finished),
                rs.getDouble("cpu_seconds"), rs.getLong("peak_memory_mb"), rs.getString("outputs_sha256"));
        return new Row(a, rs.getBoolean("stop_pending"), rs.getLong("log_bytes"));
    }
}
