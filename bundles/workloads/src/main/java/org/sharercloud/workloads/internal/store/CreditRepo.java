package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.workloads.CreditStatement;

/** SQL for the credits ledger (table {@code wl_credit}); the attempt id is the primary key, so an attempt is credited once. */
public final class CreditRepo {
    /** Credits an attempt unless it already was; returns whether a line was written. */
    public boolean credit(Connection c, CreditEntry e) throws SQLException {
        if (Db.one(c, "SELECT attempt_id FROM wl_credit WHERE attempt_id = ?", rs -> rs.getString(1), e.attemptId()) != null) {
            return false;
        }
        Db.update(c, "INSERT INTO wl_credit (attempt_id, member_id, workload_id, cpu_seconds, weight, credits, created_at) "
                + "VALUES (?,?,?,?,?,?,?)", e.attemptId(), e.memberId(), e.workloadId(), e.cpuSeconds(), e.weight(), e.credits(),
                e.at().toEpochMilli());
        return true;
    }

    public List<CreditEntry> entries(Connection c, String memberId) throws SQLException {
        return Db.query(c, "SELECT attempt_id, member_id, workload_id, cpu_seconds, weight, credits, created_at FROM wl_credit "
                + "WHERE member_id = ? ORDER BY created_at DESC, attempt_id", rs -> new CreditEntry(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), Instant.ofEpochMilli(rs.getLong(7))), memberId);
    }

    public List<CreditStatement> balances(Connection c) throws SQLException {
        return Db.query(c, "SELECT member_id, SUM(credits), SUM(cpu_seconds), COUNT(*) FROM wl_credit GROUP BY member_id "
                + "ORDER BY SUM(credits) DESC", rs -> new CreditStatement(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getInt(4), List.of()));
    }
}
