package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.LogChunk;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadEvents;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.store.internal.NotifyChannel;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.Configs;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.workloads.internal.engine.ItemKey;
import org.sharercloud.workloads.internal.store.Db;

/**
 * Two coordinators over one real PostgreSQL, each with its own pool, engine and cluster channel (real {@code pg_notify} and
 * {@code LISTEN}), as two coordinator processes would be (docs/scale.md §3, §4): a long-poll held by one is woken by a
 * placement made on the other; a result reported to the follower frees capacity in the leader's allocations; a replica
 * bound by both at once is bound once; an attempt that one coordinator finishes while the other cancels it is finished
 * and credited once; log sequence numbers written by both stay unique and gap-free; a coordinator that missed
 * announcements catches up by resyncing from the store. PostgreSQL comes from {@code SHARER_TEST_PG_URL}.
 */
public class TwoCoordinatorsTest {
    /** One coordinator: its own pool on the shared database, its channel, its engine and services. */
    static final class Node implements AutoCloseable {
        final StoreComponent store;
        final NotifyChannel channel;
        final RecordingEventAdmin events = new RecordingEventAdmin();
        final WorkloadsCore core;
        final WorkloadServiceImpl workloads;
        final SchedulingQueueImpl queue;
        final AgentGatewayImpl agent;

        Node(String url, BooleanSupplier leads) throws Exception {
            store = new StoreComponent(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 6);
            channel = NotifyChannel.of(store, leads);
            core = new WorkloadsCore(store, Configs.of(WorkloadsConfig.class, Map.of("credit.weight", 1.0, "log.max.bytes", 1 << 20,
                    "redeliver.seconds", 30, "max.active.per.owner", 1000)), java.time.Clock.systemUTC());
            core.setEvents(events);
            core.setChannel(channel);
            workloads = new WorkloadServiceImpl(core);
            queue = new SchedulingQueueImpl(core);
            agent = new AgentGatewayImpl(core);
        }

        @Override
        public void close() {
            core.close();
            channel.close();
            store.deactivate();
        }
    }

    private Node a;
    private Node b;

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    @Before
    public void open() throws Exception {
        String url = System.getenv("SHARER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but SHARER_TEST_PG_URL is unset: .ci/run must start PostgreSQL");
            }
            System.err.println("SKIP TwoCoordinatorsTest: SHARER_TEST_PG_URL is unset (two coordinators need PostgreSQL)");
            assumeTrue(false);
        }
        StoreComponent reset = new StoreComponent(url, env("SHARER_TEST_PG_USER"), env("SHARER_TEST_PG_PASSWORD"), 2);
        try (Connection c = reset.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        } finally {
            reset.deactivate();
        }
        a = new Node(url, () -> true);
        b = new Node(url, () -> false);
        awaitListening(a);
        awaitListening(b);
    }

    private static void awaitListening(Node n) throws InterruptedException {
        // the channel resyncs once it listens; a publish before that would not reach it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(n) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("LISTEN session up", listening(n));
    }

    private static boolean listening(Node n) {
        return n.channel.connected();
    }

    @After
    public void close() {
        for (Node n : new Node[] {b, a}) {
            if (n != null) {
                n.close();
            }
        }
    }

    private Workload submit(Node n, int replicas) {
        return n.workloads.submit(Fixture.ALICE, new WorkloadSpec("job", "busybox:1.36", List.of("sh", "-c", "echo hi"), Map.of(), 100,
                16, 60, replicas, 0, Map.of(), null, null, null));
    }

    private static Demand demand(Node n, String workloadId, int replica) {
        return n.queue.pending().stream().filter(d -> d.workloadId().equals(workloadId) && d.replica() == replica).findFirst()
                .orElseThrow(() -> new AssertionError("no pending demand " + workloadId + "#" + replica));
    }

    private static Attempt attempt(Node n, String attemptId) {
        return n.core.read(c -> n.core.repos().attempts().get(c, attemptId)).attempt();
    }

    private static void until(String what, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void aLongPollHeldByOneIsWokenByAPlacementOnTheOther() throws Exception {
        Workload w = submit(b, 1); // submitted to the follower, placed by the leader
        CompletableFuture<Assignments> poll = b.agent.awaitAssignments("m1", 20, false).toCompletableFuture();
        assertFalse("nothing for m1 yet", poll.isDone());
        String attemptId = a.queue.bind(demand(a, w.id(), 0), "m1", "placed on A");
        long bound = System.nanoTime();
        Assignments got = poll.get(10, TimeUnit.SECONDS);
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - bound);
        System.out.println("TwoCoordinatorsTest: long-poll on B woken " + micros + " µs after the bind on A committed");
        assertEquals(1, got.start().size());
        StartAttempt s = got.start().get(0);
        assertEquals(attemptId, s.attemptId());
        assertEquals(1, s.fencingToken());
        // B's state event reached its own EventAdmin (the portal's live view on B)
        until("SCHEDULED posted on B", () -> b.events.events().stream().anyMatch(e -> e.getTopic().equals(WorkloadEvents.STATE_CHANGED)
                && w.id().equals(e.getProperty(WorkloadEvents.WORKLOAD_ID)) && "SCHEDULED".equals(e.getProperty(WorkloadEvents.STATE))));
    }

    @Test
    public void aResultReportedToTheFollowerFreesCapacityOnTheLeader() throws Exception {
        Workload w = submit(a, 1);
        String attemptId = a.queue.bind(demand(a, w.id(), 0), "m1", "placed on A");
        assertNotNull("booked on the leader", a.core.engine().allocations().get("m1"));
        until("the follower's allocations follow", () -> b.core.engine().allocations().containsKey("m1"));
        assertTrue("the start waits in the leader's outbox", a.core.engine().outbox().contains("m1", ItemKey.start(attemptId)));
        b.agent.reportAttempt("m1", attemptId, AttemptEvent.running(1));
        until("the start acknowledged on B leaves the leader's outbox",
                () -> !a.core.engine().outbox().contains("m1", ItemKey.start(attemptId)));
        a.events.clear();
        b.agent.reportAttempt("m1", attemptId, AttemptEvent.result(1, 0, RunResult.SUCCEEDED, null, 0.1, 10, null, null));
        until("capacity freed on the leader", () -> !a.core.engine().allocations().containsKey("m1"));
        until("ALLOCATION_CHANGED posted on the leader (the members module's view)",
                () -> a.events.count("ALLOCATION_CHANGED") > 0);
        assertEquals("SUCCEEDED", a.workloads.get(Fixture.ALICE, w.id()).state().name());
    }

    @Test
    public void aReplicaBoundByBothAtOnceIsBoundOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Workload w = submit(a, 1);
            Demand d = demand(a, w.id(), 0);
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (Node n : new Node[] {a, b}) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        outcomes.add(n.queue.bind(d, n == a ? "m1" : "m2", "race"));
                    } catch (ApiException e) {
                        outcomes.add(e.status());
                    } catch (Exception e) {
                        outcomes.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertEquals("one bind wins, the other is refused with 409: " + outcomes, 1, outcomes.stream().filter(o -> o instanceof String).count());
            assertTrue(outcomes.toString(), outcomes.contains(409));
            assertEquals("one attempt", 1, a.workloads.get(Fixture.ALICE, w.id()).attempts().size());
        }
    }

    @Test
    public void anAttemptFinishedOnOneWhileCancelledOnTheOtherEndsOnceAndIsCreditedAtMostOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Workload w = submit(a, 1);
            String attemptId = a.queue.bind(demand(a, w.id(), 0), "m1", "placed on A");
            a.agent.reportAttempt("m1", attemptId, AttemptEvent.running(1));
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Object> errors = new ConcurrentLinkedQueue<>();
            Thread report = new Thread(() -> {
                try {
                    go.await();
                    b.agent.reportAttempt("m1", attemptId, AttemptEvent.result(1, 0, RunResult.SUCCEEDED, null, 0.1, 10, null, null));
                } catch (ApiException e) {
                    if (e.status() != 409) {
                        errors.add(e);
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            Thread cancel = new Thread(() -> {
                try {
                    go.await();
                    a.workloads.cancel(Fixture.ALICE, w.id());
                } catch (ApiException e) {
                    if (e.status() != 409) {
                        errors.add(e);
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            report.start();
            cancel.start();
            go.countDown();
            report.join(10_000);
            cancel.join(10_000);
            assertTrue("only refusals (409): " + errors, errors.isEmpty());
            Workload after = a.workloads.get(Fixture.ALICE, w.id());
            Attempt at = attempt(a, attemptId);
            int credits = a.core.read(c -> Db.one(c, "SELECT COUNT(*) FROM wl_credit WHERE attempt_id = ?", rs -> rs.getInt(1), attemptId));
            if (after.state().name().equals("SUCCEEDED")) {
                assertEquals(after.toString(), "SUCCEEDED", at.state().name());
                assertEquals("credited once", 1, credits);
            } else {
                assertEquals(after.toString(), "CANCELLED", after.state().name());
                assertEquals("the attempt ended once, as cancelled: " + at, "CANCELLED", at.state().name());
                assertEquals("a cancelled attempt is not credited", 0, credits);
            }
        }
    }

    @Test
    public void logSequenceNumbersFromBothCoordinatorsStayUniqueAndGapFree() throws Exception {
        Workload w = submit(a, 2);
        String first = a.queue.bind(demand(a, w.id(), 0), "m1", "r0");
        String second = a.queue.bind(demand(a, w.id(), 1), "m2", "r1");
        int lines = 40;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread ta = new Thread(() -> report(a, "m1", first, lines, go, errors));
        Thread tb = new Thread(() -> report(b, "m2", second, lines, go, errors));
        ta.start();
        tb.start();
        go.countDown();
        ta.join(60_000);
        tb.join(60_000);
        assertTrue("every line stored: " + errors, errors.isEmpty());
        List<LogChunk> chunks = a.core.read(c -> a.core.repos().logs().after(c, w.id(), 0, 1000));
        assertEquals(2 * lines, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals("sequence numbers 1..n without gaps", i + 1, chunks.get(i).seq());
        }
    }

    private static void report(Node n, String member, String attemptId, int lines, CountDownLatch go, ConcurrentLinkedQueue<Throwable> errors) {
        try {
            go.await();
            for (int i = 0; i < lines; i++) {
                n.agent.reportAttempt(member, attemptId, AttemptEvent.log(1, "stdout", member + " line " + i + "\n"));
            }
        } catch (Throwable e) {
            errors.add(e);
        }
    }

    @Test
    public void aCoordinatorThatMissedAnnouncementsCatchesUpByResyncing() throws Exception {
        b.core.engine().setChannel(null); // B hears nothing (as while its LISTEN session is down)
        Workload w = submit(a, 1);
        CompletableFuture<Assignments> poll = b.agent.awaitAssignments("m3", 20, false).toCompletableFuture();
        String attemptId = a.queue.bind(demand(a, w.id(), 0), "m3", "placed on A");
        Thread.sleep(500);
        assertFalse("B missed the announcement", poll.isDone());
        b.core.engine().resync(); // what the channel does after reconnecting
        Assignments got = poll.get(5, TimeUnit.SECONDS);
        assertEquals(attemptId, got.start().get(0).attemptId());
        assertTrue("and B's allocations are true again", b.core.engine().allocations().containsKey("m3"));
    }
}
