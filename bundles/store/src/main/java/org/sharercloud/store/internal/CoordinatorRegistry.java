package org.sharercloud.store.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.cluster.ClusterView;
import org.sharercloud.api.cluster.Coordinator;
import org.sharercloud.api.cluster.CoordinatorLoad;
import org.sharercloud.api.store.StoreInfo;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator registry and leader lease over the store: each coordinator beats its row every
 * {@code cluster.beat.seconds} (database clock) and, in the same round, keeps or competes for the
 * {@link LeaderLock}. The leader also prunes the rows of coordinators long dead. On Derby the one coordinator
 * runs the same code with {@link LeaderLock#SOLE}.
 */
@Component(name = "org.sharercloud.store.cluster", configurationPid = "org.sharercloud.store",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = ClusterService.class)
public class CoordinatorRegistry implements ClusterService {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRegistry.class);

    private final String id = UUID.randomUUID().toString();
    private final String address;
    private final String kind;
    private final StoreInfo info;
    private final CoordinatorRepository repo;
    private final LeaderLock lock;
    private final int beatSeconds;
    private final int deadAfterSeconds;
    private final Timers timers;
    private volatile boolean leader;
    private long othersWarned;

    @Activate
    public CoordinatorRegistry(@Reference(target = "(" + SharerModule.MODULE + "=store)") DataSource ds,
            @Reference(target = "(" + SharerModule.MODULE + "=store)") StoreInfo info, ClusterConfig config) throws SQLException {
        this(ds, info, lockFor(ds), address(config.cluster_address()), config.cluster_beat_seconds(), config.cluster_dead_after_seconds(), true);
    }

    /** Without OSGi (tests): {@code schedule} false leaves beating to {@link #beat()} calls. */
    CoordinatorRegistry(DataSource ds, StoreInfo info, LeaderLock lock, String address, int beatSeconds, int deadAfterSeconds, boolean schedule) {
        this.info = info;
        this.kind = info.kind();
        this.repo = new CoordinatorRepository(ds, Dialect.valueOf(kind.toUpperCase(java.util.Locale.ROOT)));
        this.lock = lock;
        this.address = address;
        this.beatSeconds = Math.max(1, beatSeconds);
        this.deadAfterSeconds = Math.max(this.beatSeconds * 2, deadAfterSeconds);
        this.timers = Timers.create("cluster", 1);
        beat();
        if (schedule) {
            Duration every = Duration.ofSeconds(this.beatSeconds);
            timers.atFixedRate("coordinator beat", every, every, this::beat);
        }
        LOG.info("Coordinator {} at {} registered in the {} store ({}), beat every {} s", id, address, kind,
                leader ? "leading" : "following", this.beatSeconds);
    }

    private static LeaderLock lockFor(DataSource ds) throws SQLException {
        StoreComponent store = ds.unwrap(StoreComponent.class);
        return store.dialect() == Dialect.DERBY ? LeaderLock.SOLE : new AdvisoryLeaderLock(store::openSession);
    }

    private static String address(String configured) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String port = System.getProperty("org.osgi.service.http.port");
        return port == null ? host : host + ":" + port;
    }

    /** One round: keep or take the lead, then record the beat (the leader prunes long-dead rows). */
    void beat() {
        boolean lead = lock.check();
        leader = lead;
        try {
            repo.beat(id, address, lead, load(), lead ? deadAfterSeconds * 10_000L : 0);
            if (lead) {
                warnIfShared();
            }
        } catch (SQLException e) {
            LOG.warn("Coordinator beat failed: {}", e.getMessage());
        }
    }

    /** The leader says how many other live coordinators share the store whenever that number changes. */
    private void warnIfShared() {
        long others = view().coordinators().stream().filter(c -> c.alive() && !c.self()).count();
        if (others != othersWarned) {
            LOG.info("{} other live coordinator(s) share this store; this one leads (places work, sweeps members' liveness,"
                    + " runs the periodic work)", others);
        }
        othersWarned = others;
    }

    private CoordinatorLoad load() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = processCpu();
        Runtime rt = Runtime.getRuntime();
        long mb = 1024 * 1024;
        return new CoordinatorLoad(cpu, os.getSystemLoadAverage(), (rt.totalMemory() - rt.freeMemory()) / mb, rt.maxMemory() / mb,
                info.pool().active());
    }

    /** The JVM's CPU use through the platform MBean (no import of com.sun.management into the bundle). */
    private static double processCpu() {
        try {
            Object v = ManagementFactory.getPlatformMBeanServer().getAttribute(new javax.management.ObjectName("java.lang:type=OperatingSystem"),
                    "ProcessCpuLoad");
            return v instanceof Number n ? n.doubleValue() : -1;
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    @Override
    public String selfId() {
        return id;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public ClusterView view() {
        CoordinatorRepository.Snapshot snap;
        try {
            snap = repo.list();
        } catch (SQLException e) {
            throw ApiException.unavailable("store");
        }
        long deadAfter = deadAfterSeconds * 1000L;
        List<Coordinator> out = new ArrayList<>();
        String leaderId = null;
        for (CoordinatorRepository.Row r : snap.rows()) {
            long age = Math.max(0, snap.dbNow() - r.lastBeat());
            boolean alive = age <= deadAfter;
            boolean self = r.id().equals(id);
            boolean leads = self ? leader : alive && r.leader();
            if (leads) {
                leaderId = r.id();
            }
            out.add(new Coordinator(r.id(), r.address(), Instant.ofEpochMilli(r.startedAt()), Instant.ofEpochMilli(r.lastBeat()), age, alive,
                    leads, self, r.load()));
        }
        out.sort(Comparator.comparing((Coordinator c) -> !c.alive()).thenComparing(Coordinator::startedAt));
        return new ClusterView(kind, id, leaderId, beatSeconds, deadAfterSeconds, List.copyOf(out));
    }

    @Deactivate
    void deactivate() {
        timers.close();
        lock.close();
        leader = false;
        try {
            repo.remove(id);
        } catch (SQLException e) {
            LOG.debug("could not remove this coordinator's row; the leader prunes it", e);
        }
        LOG.info("Coordinator {} left the registry", id);
    }
}
