package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.cluster.ClusterChannel;
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
 *
 * <p><b>Several coordinators on one store</b> (docs/scale.md §3, §4). Every committed change is also announced,
 * inside its transaction, on the {@link ClusterChannel} as ids only ({@link ClusterItems}): which members' outboxes and
 * allocations changed, which workloads changed state, whether the scheduler should run, whether readers should wake.
 * Another coordinator receiving them ({@link #remote}) reloads those members' outboxes from the store (waking the
 * long-polls it holds), recounts their allocations (which feeds the leader's placement), posts the state events and
 * triggers its scheduler (which places only on the leader). On a resync (the channel reconnected, or this coordinator
 * took the lead) it rebuilds everything from the store. On Derby the channel publishes nothing: the one coordinator
 * already applied its changes itself.
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
    private volatile ClusterChannel channel;
    private AutoCloseable listening;

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
            ClusterChannel cc = channel;
            T result = db.tx(c -> {
                T r = m.run(c, ch);
                if (cc != null) {
                    cc.publish(c, ClusterItems.of(ch));
                }
                return r;
            });
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

    /**
     * What another coordinator committed ({@link ClusterItems}): reload the named members' outboxes from the store (a
     * long-poll held here wakes), recount their allocations, post the workloads' state events, trigger the scheduler,
     * wake readers. Under the engine's lock, so a reload never overtakes a local change being applied.
     */
    public void remote(List<String> items) {
        ClusterItems in = ClusterItems.parse(items);
        Notifier n = notifier;
        if (!in.outboxes().isEmpty() || !in.allocations().isEmpty()) {
            synchronized (lock) {
                db.tx(c -> {
                    long logMax = config.get().logMaxBytes();
                    for (String m : in.outboxes()) {
                        outbox.replace(m, stored(c, m, logMax));
                    }
                    for (String m : in.allocations()) {
                        allocations.recount(c, m, n);
                    }
                    return null;
                });
            }
        }
        in.states().forEach(n::workloadState);
        if (in.trigger()) {
            n.triggerScheduler();
        }
        if (in.signal() || !in.states().isEmpty()) {
            signal.fire();
        }
    }

    /**
     * Everything from the store again (the cluster channel reconnected, so announcements may have been lost, or this
     * coordinator took the lead): every known member's outbox is reloaded (waking polls), allocations recounted, a
     * scheduling pass asked for and readers woken.
     */
    public void resync() {
        Notifier n = notifier;
        synchronized (lock) {
            db.tx(c -> {
                Set<String> members = new LinkedHashSet<>(outbox.members());
                for (AttemptRepo.Row r : repos.attempts().active(c, null)) {
                    members.add(r.attempt().memberId());
                }
                for (AttemptRepo.Row r : repos.attempts().stopPending(c)) {
                    members.add(r.attempt().memberId());
                }
                for (ReservationRepo.Row r : repos.reservations().active(c, null)) {
                    members.add(r.reservation().memberId());
                }
                members.addAll(allocations.byMember().keySet());
                long logMax = config.get().logMaxBytes();
                for (String m : members) {
                    outbox.replace(m, stored(c, m, logMax));
                    allocations.recount(c, m, n);
                }
                return null;
            });
        }
        n.triggerScheduler();
        signal.fire();
    }

    /** What the store says a member's agent must still be told (start, stop, reserve, release), oldest first. */
    private List<Object> stored(Connection c, String memberId, long logMax) throws SQLException {
        List<Object> out = new ArrayList<>();
        Map<String, Workload> cache = new HashMap<>();
        for (AttemptRepo.Row r : repos.attempts().active(c, memberId)) {
            if (r.attempt().state() == AttemptState.SCHEDULED) {
                Workload w = cache.computeIfAbsent(r.attempt().workloadId(), id -> workload(c, id));
                out.add(OutboxItems.start(w, r.attempt(), logMax));
            }
        }
        for (AttemptRepo.Row r : repos.attempts().stopPending(c, memberId)) {
            out.add(OutboxItems.stop(r));
        }
        for (ReservationRepo.Row r : repos.reservations().onMember(c, memberId)) {
            if (r.reservation().state() == ReservationState.REQUESTED) {
                out.add(OutboxItems.reserve(r));
            } else if (r.reservation().state() == ReservationState.RELEASING) {
                out.add(new ReleaseWorker(r.reservation().id()));
            }
        }
        return out;
    }

    /** Announces committed changes to the other coordinators and follows theirs ({@code null}: this one alone). */
    public void setChannel(ClusterChannel c) {
        AutoCloseable old;
        synchronized (lock) {
            old = listening;
            channel = c;
            listening = c == null ? null : c.listen(new ClusterChannel.Listener() {
                @Override
                public void message(List<String> items) {
                    remote(items);
                }

                @Override
                public void resync() {
                    Engine.this.resync();
                }
            });
        }
        if (old != null) {
            try {
                old.close();
            } catch (Exception e) {
                LOG.debug("unlistening the cluster channel", e);
            }
        }
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
        setChannel(null);
        outbox.close();
        execs.failAll(ApiException.unavailable("workloads"));
        signal.close();
    }
}
