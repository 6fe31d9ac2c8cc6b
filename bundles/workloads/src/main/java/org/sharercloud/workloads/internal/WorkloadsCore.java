package org.sharercloud.workloads.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.ReleaseWorker;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.api.workloads.ReserveWorker;
import org.sharercloud.api.workloads.StartAttempt;
import org.sharercloud.api.workloads.StopAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.workloads.internal.engine.Changes;
import org.sharercloud.workloads.internal.engine.Lifecycle;
import org.sharercloud.workloads.internal.engine.Notifier;
import org.sharercloud.workloads.internal.engine.Outbox;
import org.sharercloud.workloads.internal.engine.PendingExec;
import org.sharercloud.workloads.internal.engine.Scaling;
import org.sharercloud.workloads.internal.engine.UsageTracker;
import org.sharercloud.workloads.internal.engine.Signal;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.CreditRepo;
import org.sharercloud.workloads.internal.store.Db;
import org.sharercloud.workloads.internal.store.LogRepo;
import org.sharercloud.workloads.internal.store.OutputRepo;
import org.sharercloud.workloads.internal.store.ReservationRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workloads module's shared state: the store access, the state machine, the agents' outboxes and
 * the allocations per member. Every change runs through {@link #mutate}: one transaction, under one
 * lock, and only after the commit are agents told, allocations recounted and events posted. At start
 * the outboxes and allocations are rebuilt from the store, so a restart loses nothing. The public
 * services (WorkloadService, SchedulingQueue, AgentGateway, …) are thin components over this one.
 */
@Component(service = WorkloadsCore.class, configurationPid = WorkloadsConfig.PID)
@Designate(ocd = WorkloadsConfig.class)
public class WorkloadsCore {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadsCore.class);

    /** A unit of work changing state. */
    @FunctionalInterface
    public interface Mutation<T> {
        T run(Connection c, Changes ch) throws SQLException;
    }

    public final Db db;
    public final WorkloadRepo workloads = new WorkloadRepo();
    public final AttemptRepo attempts = new AttemptRepo();
    public final LogRepo logs = new LogRepo();
    public final OutputRepo outputs = new OutputRepo();
    public final CreditRepo credits = new CreditRepo();
    public final ReservationRepo reservations = new ReservationRepo();
    public final Lifecycle lifecycle;
    public final Scaling scaling;
    /** Live CPU use of running attempts, from their agents' USAGE reports (memory only: rebuilt by the next reports). */
    public final UsageTracker usage = new UsageTracker();
    public final Outbox outbox;
    public final Signal signal = new Signal();
    public final Clock clock;
    /** Commands sent to reserved workers, waiting for their EXEC_RESULT. */
    public final Map<String, PendingExec> execs = new ConcurrentHashMap<>();
    private final Map<String, Allocation> allocations = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile WorkloadsConfig config;
    private volatile Notifier notifier = Notifier.NONE;
    private volatile MemberService members;

    @Activate
    public WorkloadsCore(@Reference DataSource ds, WorkloadsConfig config) {
        this(ds, config, Clock.systemUTC());
    }

    public WorkloadsCore(DataSource ds, WorkloadsConfig config, Clock clock) {
        this.db = new Db(ds);
        this.config = config;
        this.clock = clock;
        this.outbox = new Outbox(clock, config.redeliver_seconds() * 1000L);
        this.lifecycle = new Lifecycle(this);
        this.scaling = new Scaling(this);
        recover();
    }

    @Modified
    void modified(WorkloadsConfig config) {
        this.config = config;
    }

    @Deactivate
    public void close() {
        outbox.close();
        execs.values().forEach(p -> p.result().completeExceptionally(ApiException.unavailable("workloads")));
        execs.clear();
        signal.fire();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(EventAdmin events) {
        this.notifier = (topic, props) -> {
            try {
                events.postEvent(new Event(topic, props));
            } catch (RuntimeException e) {
                LOG.debug("event {} not posted: {}", topic, e.toString());
            }
        };
    }

    void unsetEvents(EventAdmin events) {
        this.notifier = Notifier.NONE;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setMembers(MemberService m) {
        this.members = m;
        lifecycle.sweepOffline(m);
    }

    public void unsetMembers(MemberService m) {
        if (members == m) {
            members = null;
        }
    }

    /** The members module, or 503. */
    public MemberService members() {
        MemberService m = members;
        if (m == null) {
            throw ApiException.unavailable("members");
        }
        return m;
    }

    public void setNotifier(Notifier n) {
        this.notifier = n == null ? Notifier.NONE : n;
    }

    public WorkloadsConfig config() {
        return config;
    }

    /** Runs a change in one transaction under the module lock, then applies its effects. */
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
        ch.removes().forEach(r -> outbox.remove(r[0], r[1]));
        ch.puts().forEach(p -> outbox.put((String) p[0], p[1]));
        Notifier n = notifier;
        if (!ch.members().isEmpty()) {
            db.tx(c -> {
                for (String m : ch.members()) {
                    recount(c, m, n);
                }
                return null;
            });
        }
        ch.states().forEach(n::workloadState);
        ch.afters().forEach(Runnable::run);
        if (ch.triggered()) {
            n.triggerScheduler();
        }
        if (ch.signalled()) {
            signal.fire();
        }
    }

    private void recount(Connection c, String memberId, Notifier n) throws SQLException {
        long[] a = attempts.allocated(c, memberId);
        long[] r = reservations.allocated(c, memberId);
        Allocation now = new Allocation(a[0] + r[0], a[1] + r[1], (int) a[2], (int) r[2]);
        Allocation before = now.attempts() + now.reservations() == 0 ? allocations.remove(memberId) : allocations.put(memberId, now);
        if (!now.equals(before == null ? Allocation.NONE : before)) {
            n.allocation(memberId, now);
        }
    }

    /** Allocations per member right now. */
    public Map<String, Allocation> allocations() {
        return Map.copyOf(allocations);
    }

    /** The workload with its attempts, or 404 when absent or not visible to the caller. */
    public Workload visible(Connection c, Principal caller, String id) throws SQLException {
        Workload w = id == null ? null : workloads.get(c, id);
        if (w == null || !(caller.isAdmin() || caller.subject().equals(w.owner()))) {
            throw ApiException.notFound("workload " + id);
        }
        return withAttempts(c, w);
    }

    public Workload withAttempts(Connection c, Workload w) throws SQLException {
        return new Workload(w.id(), w.owner(), w.spec(), w.state(), w.reason(), w.submittedAt(), w.updatedAt(),
                attempts.ofWorkload(c, w.id()), w.autoscale());
    }

    /** What the agent is handed to start an attempt. */
    public StartAttempt startItem(Workload w, Attempt a) {
        Map<String, byte[]> inputs = new HashMap<>();
        w.spec().inputs().forEach((k, v) -> inputs.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new StartAttempt(a.id(), w.id(), a.replica(), a.fencingToken(), w.spec().image(), w.spec().command(),
                w.spec().env(), w.spec().cpuMillis(), w.spec().memoryMb(), w.spec().timeoutSeconds(), inputs, config.log_max_bytes(),
                w.spec().runtime());
    }

    /** Rebuilds the outboxes and allocations from the store. */
    private void recover() {
        int[] n = new int[3];
        db.tx(c -> {
            Map<String, Workload> cache = new HashMap<>();
            Set<String> touched = new HashSet<>();
            for (AttemptRepo.Row r : attempts.active(c, null)) {
                Attempt a = r.attempt();
                touched.add(a.memberId());
                if (a.state() == org.sharercloud.api.workloads.AttemptState.SCHEDULED) {
                    Workload w = cache.computeIfAbsent(a.workloadId(), id -> get(c, id));
                    outbox.put(a.memberId(), startItem(w, a));
                    n[0]++;
                }
            }
            for (AttemptRepo.Row r : attempts.stopPending(c)) {
                outbox.put(r.attempt().memberId(), new StopAttempt(r.attempt().id(), r.attempt().fencingToken(), r.attempt().reason()));
                n[1]++;
            }
            for (ReservationRepo.Row r : reservations.active(c, null)) {
                touched.add(r.reservation().memberId());
                if (r.reservation().state() == ReservationState.REQUESTED) {
                    outbox.put(r.reservation().memberId(), reserveItem(r));
                } else if (r.reservation().state() == ReservationState.RELEASING) {
                    outbox.put(r.reservation().memberId(), new ReleaseWorker(r.reservation().id()));
                }
                n[2]++;
            }
            for (String m : touched) {
                recount(c, m, Notifier.NONE);
            }
            return null;
        });
        if (n[0] + n[1] + n[2] > 0) {
            LOG.info("Workloads resumed from the store: {} assignment(s) and {} stop(s) to deliver, {} reserved worker(s)", n[0], n[1], n[2]);
        }
        notifier.triggerScheduler();
    }

    public static ReserveWorker reserveItem(ReservationRepo.Row r) {
        return new ReserveWorker(r.reservation().id(), r.reservation().image(), r.env(), r.reservation().cpuMillis(),
                r.reservation().memoryMb());
    }

    private Workload get(Connection c, String id) {
        try {
            return workloads.get(c, id);
        } catch (SQLException e) {
            throw new org.sharercloud.workloads.internal.store.StoreException(e);
        }
    }

    /** Fails the commands waiting on a member's (or one reservation's) workers. */
    public void failExecs(String memberId, String reservationId, String why) {
        execs.values().removeIf(p -> {
            if (p.memberId().equals(memberId) && (reservationId == null || p.reservationId().equals(reservationId))) {
                p.result().completeExceptionally(ApiException.conflict(why));
                return true;
            }
            return false;
        });
    }
}
