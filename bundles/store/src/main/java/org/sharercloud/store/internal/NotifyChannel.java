package org.sharercloud.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.cluster.ClusterChannel;
import org.sharercloud.api.cluster.ClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterChannel} over the store. PostgreSQL: {@link #publish} runs {@code SELECT pg_notify('sharer_assign', …)} on
 * the caller's connection, so PostgreSQL delivers it when (and only if) the caller's transaction commits; one thread
 * keeps a {@code LISTEN sharer_assign} session opened outside the pool ({@link StoreComponent#openSession}, like the
 * leader lock's) and hands what other coordinators published to the listeners. After every (re)connection, and
 * whenever this coordinator takes the lead, the listeners are told to resync from the store. Embedded Derby: one
 * coordinator, publishing does nothing (see {@link ClusterChannel}), the listeners are told to resync once.
 *
 * <p>Payload: {@code <publisher id>|item␟item…}, at most {@link #MAX_PAYLOAD} characters (PostgreSQL's limit is 8,000
 * bytes; items are ASCII ids), split over several notifications when longer. A coordinator ignores its own.
 */
@Component(service = ClusterChannel.class)
public class NotifyChannel implements ClusterChannel {
    static final int MAX_PAYLOAD = 7_000;
    static final char SEP = '\u001f';
    private static final Logger LOG = LoggerFactory.getLogger(NotifyChannel.class);

    private final String self = UUID.randomUUID().toString();
    private final boolean postgres;
    private final Sessions sessions;
    private final BooleanSupplier leader;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private boolean started;
    private volatile boolean closed;
    private volatile Connection session;
    private volatile boolean connected;
    private volatile int backendPid;

    interface Sessions {
        Connection open() throws SQLException;
    }

    @Activate
    public NotifyChannel(@Reference(target = "(" + SharerModule.MODULE + "=store)") DataSource ds, @Reference ClusterService cluster)
            throws SQLException {
        this(ds.unwrap(StoreComponent.class).dialect() == Dialect.POSTGRESQL, ds.unwrap(StoreComponent.class)::openSession,
                cluster::isLeader);
    }

    /** Without OSGi (other modules' tests): the channel of a store, {@code leader} saying whether this coordinator leads. */
    public static NotifyChannel of(StoreComponent store, BooleanSupplier leader) {
        return new NotifyChannel(store.dialect() == Dialect.POSTGRESQL, store::openSession, leader);
    }

    /** Without OSGi (tests): {@code sessions} opens a LISTEN session, {@code leader} says whether this coordinator leads. */
    NotifyChannel(boolean postgres, Sessions sessions, BooleanSupplier leader) {
        this.postgres = postgres;
        this.sessions = sessions;
        this.leader = leader;
        this.thread = new Thread(this::run, "sharer-cluster-listen");
        thread.setDaemon(true);
    }

    @Override
    public void publish(Connection c, List<String> items) throws SQLException {
        if (!postgres || items.isEmpty()) {
            return;
        }
        for (String payload : payloads(self, items)) {
            try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                p.setString(1, CHANNEL);
                p.setString(2, payload);
                p.execute();
            }
        }
    }

    /** The payloads for these items: as few as fit {@link #MAX_PAYLOAD} each. */
    static List<String> payloads(String publisher, List<String> items) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder(publisher).append('|');
        int empty = b.length();
        for (String item : items) {
            if (b.length() > empty && b.length() + 1 + item.length() > MAX_PAYLOAD) {
                out.add(b.toString());
                b.setLength(empty);
            }
            if (b.length() > empty) {
                b.append(SEP);
            }
            b.append(item);
        }
        if (b.length() > empty) {
            out.add(b.toString());
        }
        return out;
    }

    /** The items of a payload another coordinator published, or null for this coordinator's own (or garbage). */
    static List<String> items(String self, String payload) {
        int bar = payload == null ? -1 : payload.indexOf('|');
        if (bar < 0 || payload.substring(0, bar).equals(self)) {
            return null;
        }
        return Arrays.asList(payload.substring(bar + 1).split(String.valueOf(SEP)));
    }

    @Override
    public AutoCloseable listen(Listener l) {
        listeners.add(l);
        synchronized (this) {
            if (!started && !closed) { // listening starts with the first listener, so it gets the first resync
                started = true;
                thread.start();
            }
        }
        return () -> listeners.remove(l);
    }

    /** The PostgreSQL backend of the LISTEN session (0 when none). */
    int backendPid() {
        return connected ? backendPid : 0;
    }

    /** Whether the LISTEN session is up (PostgreSQL), or true (Derby). */
    public boolean connected() {
        return !postgres || connected;
    }

    private void run() {
        boolean led = false;
        long failures = 0;
        while (!closed) {
            if (!postgres) {
                // nothing to listen to: follow the lead only (always held on Derby)
                boolean leads = leader.getAsBoolean();
                if (leads && !led) {
                    resync();
                }
                led = leads;
                sleep(1_000);
                continue;
            }
            try (Connection s = sessions.open()) {
                session = s;
                s.setAutoCommit(true);
                try (Statement st = s.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = s.unwrap(PGConnection.class);
                backendPid = pg.getBackendPID();
                connected = true;
                if (failures > 0) {
                    LOG.info("Cluster channel listening again after {} failed attempt(s): resyncing from the store", failures);
                }
                failures = 0;
                led = leader.getAsBoolean();
                resync(); // what was published before LISTEN (or while disconnected) is lost: read the store
                long lastCheck = System.nanoTime();
                while (!closed) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            deliver(items(self, n.getParameter()));
                        }
                    }
                    boolean leads = leader.getAsBoolean();
                    if (leads && !led) {
                        LOG.info("This coordinator took the lead: resyncing placement state from the store");
                        resync();
                    }
                    led = leads;
                    if (System.nanoTime() - lastCheck > 10_000_000_000L) {
                        // a half-open connection (a vanished host) throws nothing while waiting: prove the session alive
                        try (Statement st = s.createStatement()) {
                            st.setQueryTimeout(5);
                            st.execute("SELECT 1");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (closed) {
                    break;
                }
                if (failures++ == 0) {
                    LOG.warn("Cluster channel session lost ({}); wake-ups from other coordinators wait until it reconnects", e.getMessage());
                }
                sleep(Math.min(5_000, 250 * failures));
            } finally {
                connected = false;
                session = null;
            }
        }
    }

    private void deliver(List<String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        for (Listener l : listeners) {
            try {
                l.message(items);
            } catch (RuntimeException e) {
                LOG.warn("A cluster channel listener failed on {} item(s): {}", items.size(), e.toString());
            }
        }
    }

    private void resync() {
        for (Listener l : listeners) {
            try {
                l.resync();
            } catch (RuntimeException e) {
                LOG.warn("A cluster channel listener failed to resync: {}", e.toString());
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening and closes the session (what deactivation does). */
    public void close() {
        deactivate();
    }

    @Deactivate
    void deactivate() {
        closed = true;
        Connection s = session;
        if (s != null) {
            try {
                s.close(); // ends a wait in getNotifications
            } catch (SQLException e) {
                LOG.debug("closing the LISTEN session", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
