package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.sharercloud.api.workloads.LogChunk;

/** SQL for log chunks (table {@code wl_log}); sequence numbers are per workload. */
public final class LogRepo {
    public long append(Connection c, String workloadId, String attemptId, int replica, String stream, String text, long now)
            throws SQLException {
        // MAX + 1 is safe with several writers (coordinators, or two replicas' reports) only under the workload's row
        // lock (WorkloadRepo.lock): the second appender waits, then reads the first one's committed chunk (the primary key backs it up)
        Db.update(c, "UPDATE wl_workload SET updated_at = updated_at WHERE id = ?", workloadId);
        long seq = Db.one(c, "SELECT COALESCE(MAX(seq), 0) FROM wl_log WHERE workload_id = ?", rs -> rs.getLong(1), workloadId) + 1;
        Db.update(c, "INSERT INTO wl_log (workload_id, seq, attempt_id, replica, stream, chunk, received_at) VALUES (?,?,?,?,?,?,?)",
                workloadId, seq, attemptId, replica, stream, text, now);
        return seq;
    }

    public List<LogChunk> after(Connection c, String workloadId, long after, int limit) throws SQLException {
        List<LogChunk> all = Db.query(c, "SELECT seq, attempt_id, replica, stream, chunk, received_at FROM wl_log "
                + "WHERE workload_id = ? AND seq > ? ORDER BY seq", rs -> new LogChunk(rs.getLong(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), workloadId, after);
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /** Deletes what belongs to workloads final since before {@code before} (epoch ms); returns the rows deleted. */
    public int purgeFinalBefore(Connection c, long before) throws SQLException {
        String purged = "SELECT id FROM wl_workload WHERE state IN ('SUCCEEDED','FAILED','TIMED_OUT','CANCELLED') AND updated_at < ?";
        // an attempt's log_bytes is what is kept of its log: the storage quota (StorageRepo) counts it
        Db.update(c, "UPDATE wl_attempt SET log_bytes = 0 WHERE log_bytes > 0 AND workload_id IN (" + purged + ")", before);
        return Db.update(c, "DELETE FROM wl_log WHERE workload_id IN (" + purged + ")", before);
    }
}
