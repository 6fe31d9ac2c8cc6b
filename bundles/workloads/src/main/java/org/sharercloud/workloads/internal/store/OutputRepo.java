package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.sharercloud.api.workloads.OutputArchive;

/** SQL for output archives (table {@code wl_output}), one per attempt. */
public final class OutputRepo {
    public void insert(Connection c, String attemptId, String workloadId, String sha256, byte[] data, long now) throws SQLException {
        Db.update(c, "INSERT INTO wl_output (attempt_id, workload_id, sha256, size_bytes, archive, created_at) VALUES (?,?,?,?,?,?)",
                attemptId, workloadId, sha256, (long) data.length, data, now);
    }

    public OutputArchive get(Connection c, String workloadId, String attemptId) throws SQLException {
        return Db.one(c, "SELECT workload_id, attempt_id, sha256, archive FROM wl_output WHERE workload_id = ? AND attempt_id = ?",
                rs -> new OutputArchive(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)), workloadId, attemptId);
    }

    /** Deletes what belongs to workloads final since before {@code before} (epoch ms); returns the rows deleted. */
    public int purgeFinalBefore(Connection c, long before) throws SQLException {
        return Db.update(c, "DELETE FROM wl_output WHERE workload_id IN (SELECT id FROM wl_workload WHERE state IN ('SUCCEEDED','FAILED','TIMED_OUT','CANCELLED') AND updated_at < ?)", before);
    }
}
