package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.Db;
import org.sharercloud.workloads.internal.store.Repositories;
import org.sharercloud.workloads.internal.store.ReservationRepo;
import org.sharercloud.workloads.internal.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's transaction boundary and its in-memory caches.
 *
 * <p><b>Who opens a transaction.</b> Only this class: {@link #mutate} runs a change in one transaction
 * under one lock, then applies what it recorded in {@link Changes}; {@link #read} runs a read-only
 * transaction without the lock. The module's services are the orchestrators: a public operation opens
 * one transaction here and calls steps inside it. The steps ({@link Lifecycle}, {@link Scaling}, the
 * repositories) only run inside a transaction they are handed: they take its {@link Connection} and
 * {@link Changes}, never open a transaction, never take the lock and never touch a cache.
 *
 * <p><b>The store is the truth.</b> What is kept here is derived from it and only ever changed after a
 * commit: the agents' outboxes (what each agent must still be told), the allocations per member, the
 * readers waiting for news ({@link Signal}), the live CPU rate of running attempts ({@link UsageTracker})
 * and the commands waiting for a reserved worker ({@link PendingExecs}). {@link #rebuildCaches()} makes
 * the outboxes and allocations true again from the store (at start; it is safe to run again). Usage is
 * rebuilt by the agents' next reports; waiting readers and commands belong to this instance's callers.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** A change: runs inside the transaction {@link #mutate} opened, records its after-commit effects. */
    @FunctionalInterface
    public interface Mutation<T> {
        T run(Connection c, Changes ch) throws SQLException;
    }

    private final Db db;
    private final Repositories repos;
    private final Supplier<EngineConfig> config;
    private final Object lock = new Object();
    private final Outbox outbox;
    private final Allocations allocations;
    private final Signal signal = new Signal();
    private final UsageTracker usage = new UsageTracker();
    private final PendingExecs execs = new PendingExecs();
    private volatile Notifier notifier = Notifier.NONE;

    public Engine(Db db, Repositories repos, Clock clock, long redeliverMillis, Supplier<EngineConfig> config) {
        this.db = db;
        this.repos = repos;
        this.config = config;
        this.outbox = new Outbox(clock, redeliverMillis);
        this.allocations = new Allocations(repos.attempts(), repos.reservations());
    }

    /** Runs a change in one transaction under the engine's lock, then applies its effects. */
    public <T> T mutate(Mutation<T> m) {
        synchronized (lock) {
            Changes ch = new Changes();
            T result = db.tx(c -> m.run(c, ch));
            apply(ch);
            return result;
        }
    }

    /** A read-only transaction. */
    public <T> T read(Db.Work<T> w) {
        return db.tx(w);
    }

    private void apply(Changes ch) {
        ch.withdrawals.forEach(w -> outbox.remove(w.memberId(), w.key()));
        ch.deliveries.forEach(d -> outbox.put(d.memberId(), d.item()));
        Notifier n = notifier;
        if (!ch.members.isEmpty()) {
            db.tx(c -> {
                for (String m : ch.members) {
                    allocations.recount(c, m, n);
                }
                return null;
            });
        }
        ch.states.forEach(n::workloadState);
        ch.usage.forEach(u -> usage.record(u.attemptId(), u.cpuSeconds(), u.atMillis()));
        ch.endedAttempts.forEach(usage::forget);
        ch.execFailures.forEach(f -> execs.fail(f.memberId(), f.reservationId(), f.why()));
        ch.execAnswers.forEach(a -> execs.answer(a.execId(), a.reservationId(), a.result()));
        ch.after.forEach(Runnable::run);
        if (ch.trigger) {
            n.triggerScheduler();
        }
        if (ch.signal) {
            signal.fire();
        } else if (!ch.news.isEmpty()) {
            signal.fire(ch.news);
        }
    }

    /**
     * Rebuilds the outboxes and allocations from the store: SCHEDULED attempts are handed out again,
     * stops not yet confirmed are sent again, reserved workers being created or released are told again.
     */
    public void rebuildCaches() {
        int[] n = new int[3];
        long logMax = config.get().logMaxBytes();
        db.tx(c -> {
            Map<String, Workload> cache = new HashMap<>();
            Set<String> touched = new HashSet<>();
            for (AttemptRepo.Row r : repos.attempts().active(c, null)) {
                touched.add(r.attempt().memberId());
                if (r.attempt().state() == AttemptState.SCHEDULED) {
                    Workload w = cache.computeIfAbsent(r.attempt().workloadId(), id -> workload(c, id));
                    outbox.put(r.attempt().memberId(), OutboxItems.start(w, r.attempt(), logMax));
                    n[0]++;
                }
            }
            for (AttemptRepo.Row r : repos.attempts().stopPending(c)) {
                outbox.put(r.attempt().memberId(), OutboxItems.stop(r));
                n[1]++;
            }
            for (ReservationRepo.Row r : repos.reservations().active(c, null)) {
                touched.add(r.reservation().memberId());
                if (r.reservation().state() == ReservationState.REQUESTED) {
                    outbox.put(r.reservation().memberId(), OutboxItems.reserve(r));
                } else if (r.reservation().state() == ReservationState.RELEASING) {
                    outbox.put(r.reservation().memberId(), new ReleaseWorker(r.reservation().id()));
                }
                n[2]++;
            }
            for (String m : touched) {
                allocations.recount(c, m, Notifier.NONE);
            }
            return null;
        });
        if (n[0] + n[1] + n[2] > 0) {
            LOG.info("Workloads resumed from the store: {} assignment(s) and {} stop(s) to deliver, {} reserved worker(s)", n[0], n[1], n[2]);
        }
        notifier.triggerScheduler();
    }

    private Workload workload(Connection c, String id) {
        try {
            return repos.workloads().get(c, id);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Sends a command to a reserved worker (memory only: see {@link PendingExecs}); the caller waits on its result. */
    public PendingExec sendExec(String memberId, String reservationId, ExecCommand command) {
        PendingExec p = execs.open(command.execId(), reservationId, memberId);
        outbox.put(memberId, command);
        return p;
    }

    /** The caller of a command stopped waiting: it is neither waited for nor handed out any more. */
    public void dropExec(PendingExec p) {
        execs.forget(p.execId());
        outbox.remove(p.memberId(), ItemKey.exec(p.execId()));
    }

    /** The agents' outboxes and long-polls. */
    public Outbox outbox() {
        return outbox;
    }

    /** What readers waiting for logs, results or state changes wait on. */
    public Signal signal() {
        return signal;
    }

    /** Live CPU use of running attempts. */
    public UsageTracker usage() {
        return usage;
    }

    /** Allocations per member right now. */
    public Map<String, Allocation> allocations() {
        return allocations.byMember();
    }

    /** Where events go (EventAdmin in OSGi); {@code null} for nowhere. */
    public void setNotifier(Notifier n) {
        this.notifier = n == null ? Notifier.NONE : n;
    }

    /** Answers waiting polls with nothing, fails waiting commands (503) and wakes waiting readers. */
    @Override
    public void close() {
        outbox.close();
        execs.failAll(ApiException.unavailable("workloads"));
        signal.close();
    }
}
