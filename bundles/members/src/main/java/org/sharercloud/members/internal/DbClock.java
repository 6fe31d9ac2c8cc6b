package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

/**
 * The database's clock in epoch milliseconds, the only clock members' liveness is measured with: read with
 * {@code clock_timestamp()} on PostgreSQL (shared by every coordinator), and on embedded Derby (one coordinator,
 * the database lives in this JVM) a monotonic clock anchored to the wall clock at start, so a step of this
 * machine's wall clock changes nothing. Every stamp of {@code last_seen} and {@code changed_at} and every
 * liveness cut-off is a reading of this clock, taken in the transaction that uses it.
 */
final class DbClock {
    private final boolean postgres;
    private final LongSupplier embedded;

    private DbClock(boolean postgres, LongSupplier embedded) {
        this.postgres = postgres;
        this.embedded = embedded;
    }

    /** The clock of {@code db}; {@code embedded} is what an embedded (Derby) database reads. */
    static DbClock of(DataSource db, LongSupplier embedded) throws SQLException {
        try (Connection c = db.getConnection()) {
            return new DbClock(c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres"), embedded);
        }
    }

    /** A monotonic millisecond clock that starts at this JVM's wall clock (for an embedded database). */
    static LongSupplier monotonic() {
        long wall = System.currentTimeMillis();
        long start = System.nanoTime();
        return () -> wall + (System.nanoTime() - start) / 1_000_000L;
    }

    boolean postgres() {
        return postgres;
    }

    /** The database's clock now, read on {@code c} (inside the caller's transaction). */
    long now(Connection c) throws SQLException {
        if (!postgres) {
            return embedded.getAsLong();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
