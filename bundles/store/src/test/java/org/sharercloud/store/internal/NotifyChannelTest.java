package org.sharercloud.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.sharercloud.api.cluster.ClusterChannel;

/**
 * The cluster channel: payloads split under PostgreSQL's limit and read back; on PostgreSQL two coordinators' channels
 * over one database, where an item published in a transaction reaches the other one only when it commits (never its
 * publisher, never on rollback), a killed LISTEN session reconnects and tells the listeners to resync, and taking the
 * lead tells them too; on Derby publishing is a no-op and the sole coordinator resyncs once.
 * PostgreSQL comes from {@code SHARER_TEST_PG_URL}.
 */
public class NotifyChannelTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @After
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Records what a listener got. */
    static final class Recorder implements ClusterChannel.Listener {
        final BlockingQueue<List<String>> messages = new LinkedBlockingQueue<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void message(List<String> items) {
            messages.add(items);
        }

        @Override
        public void resync() {
            resyncs.incrementAndGet();
        }
    }

    @Test
    public void payloadsAreSplitUnderTheLimitAndReadBack() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add("o:" + UUID.randomUUID());
        }
        List<String> payloads = NotifyChannel.payloads("me", items);
        assertTrue("split: " + payloads.size(), payloads.size() > 1);
        List<String> back = new ArrayList<>();
        for (String p : payloads) {
            assertTrue(p.length() <= NotifyChannel.MAX_PAYLOAD);
            assertNull("a coordinator ignores its own", NotifyChannel.items("me", p));
            back.addAll(NotifyChannel.items("other", p));
        }
        assertEquals(items, back);
        assertTrue(NotifyChannel.payloads("me", List.of()).isEmpty());
        assertNull("garbage is ignored", NotifyChannel.items("me", "no separator"));
    }

    @Test
    public void derbyPublishesNothingAndTheSoleCoordinatorResyncsOnce() throws Exception {
        StoreComponent s = new StoreComponent("jdbc:derby:memory:channel-" + UUID.randomUUID() + ";create=true", "", "", 4);
        open.add(s::deactivate);
        NotifyChannel ch = NotifyChannel.of(s, () -> true);
        Recorder r = new Recorder();
        ch.listen(r);
        open.add(ch::close);
        try (Connection c = s.getConnection()) {
            ch.publish(c, List.of("t")); // no pg_notify on Derby: must not fail
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (r.resyncs.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("one resync as it leads", 1, r.resyncs.get());
        assertNull(r.messages.poll(300, TimeUnit.MILLISECONDS));
    }

    private static String pgUrl() {
        String pg = System.getenv("SHARER_TEST_PG_URL");
        if (pg == null || pg.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but SHARER_TEST_PG_URL is unset: .ci/run must start PostgreSQL");
            }
            System.err.println("SKIP PostgreSQL channel test: SHARER_TEST_PG_URL is unset");
            assumeTrue(false);
        }
        return pg;
    }

    private StoreComponent pg() throws Exception {
        StoreComponent s = new StoreComponent(pgUrl(), env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 4);
        open.add(s::deactivate);
        return s;
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    private static void awaitConnected(NotifyChannel ch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ch.connected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("LISTEN session up", ch.connected());
    }

    @Test
    public void postgresDeliversCommittedItemsToTheOtherCoordinatorOnlyAndResyncsAfterReconnect() throws Exception {
        StoreComponent storeA = pg();
        StoreComponent storeB = pg();
        AtomicBoolean bLeads = new AtomicBoolean(false);
        NotifyChannel a = NotifyChannel.of(storeA, () -> true);
        NotifyChannel b = NotifyChannel.of(storeB, bLeads::get);
        open.add(a::close);
        open.add(b::close);
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        a.listen(ra);
        b.listen(rb);
        awaitConnected(a);
        awaitConnected(b);

        // rolled back: nothing
        try (Connection c = storeA.getConnection()) {
            c.setAutoCommit(false);
            a.publish(c, List.of("o:rolled-back"));
            c.rollback();
        }
        // committed: delivered to B after the commit, never to A itself
        try (Connection c = storeA.getConnection()) {
            c.setAutoCommit(false);
            a.publish(c, List.of("o:m1", "a:m1", "t"));
            assertNull("not before the commit", rb.messages.poll(300, TimeUnit.MILLISECONDS));
            c.commit();
        }
        assertEquals(List.of("o:m1", "a:m1", "t"), rb.messages.poll(5, TimeUnit.SECONDS));
        assertNull("the rolled-back items never arrive", rb.messages.poll(300, TimeUnit.MILLISECONDS));
        assertNull("a publisher does not hear itself", ra.messages.poll(100, TimeUnit.MILLISECONDS));

        // B's LISTEN session dies (as when PostgreSQL restarts or the network drops): it reconnects and resyncs
        int before = rb.resyncs.get();
        try (Connection c = storeA.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(" + listenPid(c, b) + ")");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (rb.resyncs.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue("resynced after the reconnect", rb.resyncs.get() > before);
        awaitConnected(b);
        try (Connection c = storeA.getConnection()) {
            a.publish(c, List.of("o:m2")); // autocommit: delivered at once
        }
        assertEquals("delivered again after the reconnect", List.of("o:m2"), rb.messages.poll(5, TimeUnit.SECONDS));

        // B takes the lead: its listeners resync from the store
        int beforeLead = rb.resyncs.get();
        bLeads.set(true);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rb.resyncs.get() == beforeLead && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("one resync on taking the lead", beforeLead + 1, rb.resyncs.get());
    }

    /** The backend pid of a channel's LISTEN session: the one listening that is not {@code c}'s and not the other channel's. */
    private static int listenPid(Connection c, NotifyChannel ch) throws Exception {
        int pid = ch.backendPid();
        assertTrue("the channel knows its session's pid", pid > 0);
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND query LIKE 'LISTEN%'")) {
            p.setInt(1, pid);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals("pid " + pid + " is a LISTEN session", 1, rs.getInt(1));
            }
        }
        return pid;
    }
}
