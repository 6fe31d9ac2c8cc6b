package org.sharercloud.scheduler.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.SchedulerEvents;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.api.scheduler.SchedulerStatus;
import org.sharercloud.api.scheduler.SchedulingQueue;
import org.sharercloud.scheduler.internal.loop.PassResult;
import org.sharercloud.scheduler.internal.loop.PendingAnalyzer;
import org.sharercloud.scheduler.internal.loop.SchedulingPass;

/**
 * The scheduler service: runs a pass on its own thread whenever triggered (a TRIGGER event, a member
 * state change or a change of a member's runtimes, a strategy, member service or queue arriving, the end
 * of a replica's exclusion back-off), and again a few seconds after a pass that left work unplaced (room
 * also appears when an owner's load drops, which no event reports). Idles while the
 * members module, the workloads module (its {@link SchedulingQueue}) or the active strategy is missing.
 *
 * <p>With several coordinators on one store only the leader ({@link ClusterService#isLeader}) places: one placer, so no
 * replica is placed twice by construction (docs/scale.md §3, design 1). A follower's pass is idle; its submit, cancel
 * and report paths store and announce on the cluster channel, which triggers the leader's pass, and the workloads
 * module resyncs (and triggers a pass) when this coordinator takes the lead. The binding itself is guarded in the store
 * as well (a replica is claimed only while still PENDING with its last fencing token), for the overlap of a lead change.
 */
@Component(service = {SchedulerService.class, EventHandler.class, SharerModule.class}, configurationPid = SchedulerConfig.PID,
        property = {SharerModule.MODULE + "=scheduler", EventConstants.EVENT_TOPIC + "=" + SchedulerEvents.TRIGGER,
                EventConstants.EVENT_TOPIC + "=" + MemberEvents.STATE_CHANGED,
                EventConstants.EVENT_TOPIC + "=" + MemberEvents.RUNTIMES_CHANGED})
@Designate(ocd = SchedulerConfig.class)
public class SchedulerComponent implements SchedulerService, EventHandler, SharerModule {
    private final StrategySelector strategies;
    private final PassRunner runner;
    private final LoopStats stats = new LoopStats();
    private final Clock clock;
    private volatile SchedulerConfig config;
    private volatile MemberService members;
    private volatile SchedulingQueue queue;
    private volatile EventAdmin events;
    private volatile ClusterService cluster;

    @Activate
    public SchedulerComponent(SchedulerConfig config) {
        this(config, Clock.systemUTC());
    }

    SchedulerComponent(SchedulerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.strategies = new StrategySelector(config.strategy());
        this.runner = new PassRunner("scheduler", this::runPass);
    }

    @Modified
    void modified(SchedulerConfig config) {
        this.config = config;
        strategies.configure(config.strategy());
        trigger();
    }

    @Deactivate
    void deactivate() {
        runner.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStrategy(PlacementStrategy s, Map<String, Object> props) {
        strategies.add(nameOf(s, props), s);
        trigger();
    }

    void removeStrategy(PlacementStrategy s, Map<String, Object> props) {
        strategies.remove(nameOf(s, props), s);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMembers(MemberService m) {
        members = m;
        trigger();
    }

    void unsetMembers(MemberService m) {
        if (members == m) {
            members = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setQueue(SchedulingQueue q) {
        queue = q;
        trigger();
    }

    void unsetQueue(SchedulingQueue q) {
        if (queue == q) {
            queue = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(EventAdmin e) {
        events = e;
    }

    void unsetEvents(EventAdmin e) {
        if (events == e) {
            events = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCluster(ClusterService c) {
        cluster = c;
        trigger();
    }

    void unsetCluster(ClusterService c) {
        if (cluster == c) {
            cluster = null;
        }
    }

    /** Whether this coordinator places: it leads, or there is no registry (a coordinator alone). */
    private boolean places() {
        ClusterService c = cluster;
        return c == null || c.isLeader();
    }

    @Override
    public void handleEvent(Event event) {
        trigger();
    }

    @Override
    public void trigger() {
        runner.trigger();
    }

    /** One pass, on the caller's thread (the runner's thread in production, the test's in tests). */
    PassResult runPass() {
        MemberService m = members;
        SchedulingQueue q = queue;
        PlacementStrategy s = strategies.current();
        if (m == null || q == null || s == null || !places()) {
            return PassResult.IDLE;
        }
        long start = System.nanoTime();
        PassResult r = new SchedulingPass(config.preemption_enabled(), exclusionBackoff(), clock).run(m.list(), q, s, localHour());
        stats.record(r, clock.instant(), (System.nanoTime() - start) / 1000);
        if (r.wakeAt() != null) {
            runner.triggerAfter(java.time.Duration.between(clock.instant(), r.wakeAt()).plusMillis(50));
        }
        if (r.unplaced() > 0 && config.pending_recheck_seconds() > 0) {
            runner.triggerAfter(java.time.Duration.ofSeconds(config.pending_recheck_seconds()));
        }
        if (r.placed() + r.preempted() > 0) {
            EventAdmin e = events;
            if (e != null) {
                e.postEvent(new Event(SchedulerEvents.PASS_DONE,
                        Map.of(SchedulerEvents.PLACED, r.placed(), SchedulerEvents.PREEMPTED, r.preempted())));
            }
        }
        if (r.preempted() > 0) {
            trigger(); // the evicted replicas are pending again: give them a chance elsewhere
        }
        return r;
    }

    @Override
    public List<String> strategies() {
        return strategies.names();
    }

    @Override
    public String activeStrategy() {
        return strategies.activeName();
    }

    @Override
    public void setActiveStrategy(String name) {
        strategies.setActive(name);
        trigger();
    }

    @Override
    public List<PendingExplanation> explain(String workloadId) {
        MemberService m = members;
        SchedulingQueue q = queue;
        if (m == null) {
            throw ApiException.unavailable("members");
        }
        if (q == null) {
            throw ApiException.unavailable("workloads");
        }
        List<PendingExplanation> out = new ArrayList<>();
        List<Demand> pending = q.pending().stream().filter(d -> d.workloadId().equals(workloadId)).toList();
        if (pending.isEmpty()) {
            return out;
        }
        var memberList = m.list();
        var running = q.running();
        for (Demand d : pending) {
            out.add(PendingAnalyzer.explain(d, memberList, strategies.current(), running, localHour(),
                    clock.instant(), config.explain_max_members(), exclusionBackoff()));
        }
        return out;
    }

    @Override
    public SchedulerStatus status() {
        String idle = members == null ? "the members module is not running"
                : queue == null ? "the workloads module is not running"
                : strategies.current() == null ? "strategy '" + strategies.activeName() + "' is not registered"
                : !places() ? "this coordinator follows: the leader places (docs/scale.md)" : null;
        return stats.status(strategies.current() == null ? null : strategies.activeName(),
                strategies.defaultName(), idle);
    }

    private java.time.Duration exclusionBackoff() {
        return java.time.Duration.ofSeconds(Math.max(0, config.exclusion_backoff_seconds()));
    }

    private int localHour() {
        String zone = config.sharing_hours_zone();
        ZoneId id = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        return clock.instant().atZone(id).getHour();
    }

    private static String nameOf(PlacementStrategy s, Map<String, Object> props) {
        Object n = props.get(PlacementStrategy.NAME);
        return n instanceof String str && !str.isBlank() ? str : s.name();
    }

    /** Pass counters, updated on the scheduler thread and read by anyone. */
    static final class LoopStats {
        private volatile long passes;
        private volatile long placed;
        private volatile long preempted;
        private volatile Instant lastPassAt;
        private volatile long lastPassMicros;

        synchronized void record(PassResult r, Instant at, long micros) {
            passes++;
            placed += r.placed();
            preempted += r.preempted();
            lastPassAt = at;
            lastPassMicros = micros;
        }

        SchedulerStatus status(String active, String dflt, String idle) {
            return new SchedulerStatus(active, dflt, idle, passes, placed, preempted, lastPassAt, lastPassMicros);
        }
    }
}
