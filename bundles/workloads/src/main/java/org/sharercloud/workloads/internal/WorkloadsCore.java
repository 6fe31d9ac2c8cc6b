package org.sharercloud.workloads.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

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
import org.sharercloud.api.cluster.ClusterChannel;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.workloads.internal.engine.Engine;
import org.sharercloud.workloads.internal.engine.EngineConfig;
import org.sharercloud.workloads.internal.engine.Lifecycle;
import org.sharercloud.workloads.internal.engine.Notifier;
import org.sharercloud.workloads.internal.engine.Scaling;
import org.sharercloud.workloads.internal.store.Db;
import org.sharercloud.workloads.internal.store.Repositories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workloads module's engine, assembled once and shared by its services: the repositories, the
 * {@link Engine} (the only place a transaction is opened, and the caches rebuilt from the store at
 * start), the state machine ({@link Lifecycle}) and service scaling ({@link Scaling}), given the
 * configuration and the clock through their constructors. It follows configuration changes and hands
 * EventAdmin to the engine.
 *
 * <p>The public services (WorkloadService, SchedulingQueue, AgentGateway, …) are thin components over
 * this one and the orchestrators of the engine: each operation opens one transaction with
 * {@link #mutate} (or {@link #read}) and calls the steps inside it; nothing else opens one.
 */
@Component(service = WorkloadsCore.class, configurationPid = WorkloadsConfig.PID)
@Designate(ocd = WorkloadsConfig.class)
public class WorkloadsCore {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadsCore.class);

    private final Repositories repos = Repositories.create();
    private final Clock clock;
    private final Engine engine;
    private final Lifecycle lifecycle;
    private final Scaling scaling;
    private volatile WorkloadsConfig config;
    private volatile EngineConfig engineConfig;

    @Activate
    public WorkloadsCore(@Reference DataSource ds, WorkloadsConfig config) {
        this(ds, config, Clock.systemUTC());
    }

    public WorkloadsCore(DataSource ds, WorkloadsConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.engineConfig = engineConfig(config);
        this.engine = new Engine(new Db(ds), repos, clock, config.redeliver_seconds() * 1000L, () -> engineConfig);
        this.lifecycle = new Lifecycle(repos, clock, () -> engineConfig);
        this.scaling = new Scaling(repos, clock, lifecycle);
        engine.rebuildCaches();
    }

    private static EngineConfig engineConfig(WorkloadsConfig c) {
        return new EngineConfig(c.credit_weight(), c.log_max_bytes(), Math.max(1, c.service_crash_limit()),
                Math.max(0, c.service_healthy_seconds()) * 1000L, Math.max(0, c.service_backoff_seconds()) * 1000L,
                Math.max(0, c.service_backoff_max_seconds()) * 1000L);
    }

    @Modified
    void modified(WorkloadsConfig config) {
        this.config = config;
        this.engineConfig = engineConfig(config);
    }

    @Deactivate
    public void close() {
        engine.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setEvents(EventAdmin events) {
        engine.setNotifier((topic, props) -> {
            try {
                events.postEvent(new Event(topic, props));
            } catch (RuntimeException e) {
                LOG.debug("event {} not posted: {}", topic, e.toString());
            }
        });
    }

    void unsetEvents(EventAdmin events) {
        engine.setNotifier(Notifier.NONE);
    }

    /** The wake-ups between coordinators sharing the store (docs/scale.md §4); without it this coordinator is alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setChannel(ClusterChannel channel) {
        engine.setChannel(channel);
        engine.resync(); // what other coordinators committed before this one listened
    }

    void unsetChannel(ClusterChannel channel) {
        engine.setChannel(null);
    }

    /** Runs a change in one transaction ({@link Engine#mutate}): what the services call for every change. */
    public <T> T mutate(Engine.Mutation<T> m) {
        return engine.mutate(m);
    }

    /** A read-only transaction ({@link Engine#read}). */
    public <T> T read(Db.Work<T> w) {
        return engine.read(w);
    }

    /** The transaction boundary and the caches. */
    public Engine engine() {
        return engine;
    }

    /** The state machine (a step: call it inside {@link Engine#mutate}). */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Service scaling (a step: call it inside {@link Engine#mutate}). */
    public Scaling scaling() {
        return scaling;
    }

    public Repositories repos() {
        return repos;
    }

    public Clock clock() {
        return clock;
    }

    public WorkloadsConfig config() {
        return config;
    }

    /** The workload with its attempts, or 404 when absent or not visible to the caller (inside a transaction). */
    public Workload visible(Connection c, Principal caller, String id) throws SQLException {
        Workload w = id == null ? null : repos.workloads().get(c, id);
        if (w == null || !(caller.isAdmin() || caller.subject().equals(w.owner()))) {
            throw ApiException.notFound("workload " + id);
        }
        return withAttempts(c, w);
    }

    /** The workload with its attempts (inside a transaction). */
    public Workload withAttempts(Connection c, Workload w) throws SQLException {
        return new Workload(w.id(), w.owner(), w.spec(), w.state(), w.reason(), w.submittedAt(), w.updatedAt(),
                repos.attempts().ofWorkload(c, w.id()), w.autoscale());
    }
}
