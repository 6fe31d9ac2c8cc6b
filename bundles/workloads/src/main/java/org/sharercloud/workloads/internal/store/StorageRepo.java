package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a requestor keeps stored: the logs ({@code wl_attempt.log_bytes}, zeroed when retention deletes them) and the
 * output archives ({@code wl_output.size_bytes}) of its workloads.
 */
public final class StorageRepo {
    private static final String FINAL = "('SUCCEEDED','FAILED','TIMED_OUT','CANCELLED')";

    /** Bytes of log kept for this owner's workloads. */
    public long logBytes(Connection c, String owner) throws SQLException {
        return Db.one(c, "SELECT COALESCE(SUM(a.log_bytes), 0) FROM wl_attempt a JOIN wl_workload w ON a.workload_id = w.id WHERE w.owner = ?",
                rs -> rs.getLong(1), owner);
    }

    /** Bytes of output archives kept for this owner's workloads. */
    public long outputBytes(Connection c, String owner) throws SQLException {
        return Db.one(c, "SELECT COALESCE(SUM(o.size_bytes), 0) FROM wl_output o JOIN wl_workload w ON o.workload_id = w.id WHERE w.owner = ?",
                rs -> rs.getLong(1), owner);
    }

    /** When the oldest final workload of this owner that still keeps a log or outputs ended (epoch ms), or null. */
    public Long oldestFinalWithData(Connection c, String owner) throws SQLException {
        return Db.one(c, "SELECT MIN(w.updated_at) FROM wl_workload w WHERE w.owner = ? AND w.state IN " + FINAL
                + " AND (EXISTS (SELECT 1 FROM wl_output o WHERE o.workload_id = w.id)"
                + " OR EXISTS (SELECT 1 FROM wl_attempt a WHERE a.workload_id = w.id AND a.log_bytes > 0))",
                rs -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }, owner);
    }
}
