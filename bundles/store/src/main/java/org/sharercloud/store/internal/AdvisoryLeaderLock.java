package org.sharercloud.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader lease on PostgreSQL: a session-level {@code pg_try_advisory_lock} held on a connection of its own
 * (never pooled, never through a transaction-mode pooler). PostgreSQL releases the lock when that session
 * ends, so a coordinator that dies (even {@code kill -9}: the kernel closes its socket) hands the lead to the
 * next one to try. While leading, each check proves the session alive with a query; a failed query drops the
 * lead at once and the next check reconnects and competes again.
 */
final class AdvisoryLeaderLock implements LeaderLock {
    /** The lock's key: "SHARER" and 1, one key for the whole cluster's periodic work. */
    static final long KEY = 0x5348415245520001L;
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLeaderLock.class);

    interface Sessions {
        Connection open() throws SQLException;
    }

    private final Sessions sessions;
    private Connection session;
    private boolean held;

    AdvisoryLeaderLock(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public synchronized boolean check() {
        try {
            if (session == null) {
                session = sessions.open();
                session.setAutoCommit(true);
            }
            if (held) {
                try (Statement s = session.createStatement()) {
                    s.setQueryTimeout(5);
                    s.execute("SELECT 1");
                }
            } else {
                held = tryLock();
                if (held) {
                    LOG.info("This coordinator now leads the cluster's periodic work (advisory lock {})", KEY);
                }
            }
        } catch (SQLException e) {
            if (held) {
                LOG.warn("Leader session lost ({}): this coordinator stops leading until it holds the lock again", e.getMessage());
            }
            held = false;
            closeSession();
        }
        return held;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement p = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            p.setQueryTimeout(5);
            p.setLong(1, KEY);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (held && session != null) {
            try (PreparedStatement p = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                p.setLong(1, KEY);
                p.execute();
            } catch (SQLException e) {
                LOG.debug("unlock failed; closing the session releases it anyway", e);
            }
        }
        held = false;
        closeSession();
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("closing the leader session", e);
            }
            session = null;
        }
    }
}
