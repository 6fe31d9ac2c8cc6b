package org.sharercloud.monitoring.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.api.monitoring.MonitoringService;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring sink (Decanter style): an {@link EventHandler} on the members topics that never
 * calls back into the members module. Heartbeat metrics go to a bounded queue written to the store
 * every {@code flush.millis}; a timer downsamples old points. Depends only on the store, so it keeps
 * working whatever else (scheduler, workloads, even members) is stopped.
 */
@Component(configurationPid = MonitoringConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {MonitoringService.class, EventHandler.class, SharerModule.class},
        property = {SharerModule.MODULE + "=monitoring", EventConstants.EVENT_TOPIC + "=" + MemberEvents.HEARTBEAT, EventConstants.EVENT_TOPIC + "=" + MemberEvents.STATE_CHANGED,
                EventConstants.EVENT_TOPIC + "=" + MemberEvents.REMOVED})
@Designate(ocd = MonitoringConfig.class)
public class MonitoringComponent implements MonitoringService, EventHandler, SharerModule {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringComponent.class);
    static final int MAX_POINTS = 10_000;

    private final Clock clock;
    private final MetricRepository metrics;
    private final AvailabilityRepository availabilityStore;
    private final Downsampler downsampler;
    private final BlockingQueue<Sample> queue;
    private final LiveGauges gauges = new LiveGauges();
    private final AvailabilityTracker availability = new AvailabilityTracker();
    private Timers timers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile MemberService members;

    /** The coordinator registry: cluster-wide periodic work runs on the leader only (absent: this is the only coordinator). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterService cluster;

    @Activate
    public MonitoringComponent(@Reference DataSource db, MonitoringConfig config) {
        this(db, config, Clock.systemUTC());
        timers = Timers.create("monitoring", 1);
        Duration flush = Duration.ofMillis(Math.max(100, config.flush_millis()));
        timers.atFixedRate("sample flush", flush, flush, this::flushSamples);
        Duration availabilityFlush = Duration.ofSeconds(Math.max(1, config.availability_flush_seconds()));
        timers.atFixedRate("availability flush", availabilityFlush, availabilityFlush, this::flushAvailability);
        timers.withFixedDelay("compaction", Duration.ofMinutes(1), Duration.ofMinutes(Math.max(1, config.compact_minutes())), this::compact);
        LOG.info("Monitoring ready: raw samples kept {} h, 1-minute points {} days, 15-minute points {} days", config.raw_hours(),
                config.minute_days(), config.quarter_days());
    }

    /** For tests: no timer; call {@link #flush()} and {@link #compact()}. */
    MonitoringComponent(DataSource db, MonitoringConfig config, Clock clock) {
        this.clock = clock;
        this.metrics = new MetricRepository(db);
        this.availabilityStore = new AvailabilityRepository(db);
        this.downsampler = new Downsampler(metrics, availabilityStore, config, clock);
        this.queue = new ArrayBlockingQueue<>(Math.max(1000, config.queue_capacity()));
    }

    @Deactivate
    void deactivate() {
        if (timers != null) {
            timers.close();
        }
        flush();
    }

    @Override
    public void handleEvent(Event event) {
        String memberId = (String) event.getProperty(MemberEvents.MEMBER_ID);
        if (memberId == null) {
            return;
        }
        long ts = event.getProperty(EventConstants.TIMESTAMP) instanceof Long l ? l : clock.millis();
        switch (event.getTopic()) {
            case MemberEvents.HEARTBEAT -> {
                if (event.getProperty(MemberEvents.METRICS) instanceof HostMetrics m) {
                    gauges.heartbeat(memberId, m);
                    if (!queue.offer(new Sample(memberId, ts, m.cpuLoad(), m.ownerLoad(), m.memoryUsedMb(), 1))) {
                        gauges.dropped.increment();
                    }
                }
                availability.observe(memberId, MemberState.ONLINE.name().equals(event.getProperty(MemberEvents.STATE)), ts);
            }
            case MemberEvents.STATE_CHANGED -> {
                Object to = event.getProperty(MemberEvents.TO);
                availability.observe(memberId, MemberState.ONLINE.name().equals(to), ts);
                if (MemberState.OFFLINE.name().equals(to)) {
                    gauges.gone(memberId);
                }
            }
            case MemberEvents.REMOVED -> {
                availability.observe(memberId, false, ts);
                gauges.gone(memberId);
            }
            default -> {
                // not subscribed
            }
        }
    }

    /** Writes queued samples and availability to the store. */
    void flush() {
        flushSamples();
        flushAvailability();
    }

    /** Writes queued samples to the store (every {@code flush.millis}). */
    void flushSamples() {
        gauges.mark(clock.millis());
        List<Sample> batch = new ArrayList<>();
        while (queue.drainTo(batch, 20_000) > 0) {
            write(batch);
            batch.clear();
        }
    }

    /**
     * Writes the ONLINE milliseconds accrued per member and hour (every {@code availability.flush.seconds}:
     * one row update per member each time, so not every second with thousands of members).
     */
    void flushAvailability() {
        Map<AvailabilityTracker.Key, Long> deltas = availability.drain(clock.millis());
        try {
            availabilityStore.add(deltas);
        } catch (SQLException | RuntimeException e) {
            availability.restore(deltas);
            LOG.warn("Could not store availability (will retry): {}", e.getMessage());
        }
    }

    private void write(List<Sample> batch) {
        try {
            metrics.insertRaw(batch);
            gauges.written.add(batch.size());
        } catch (SQLException | RuntimeException e) {
            gauges.dropped.add(batch.size());
            LOG.warn("Could not store {} metric samples (dropped): {}", batch.size(), e.getMessage());
        }
    }

    void compact() {
        ClusterService c = cluster;
        if (c != null && !c.isLeader()) {
            return; // the leader downsamples and prunes the shared history for every coordinator
        }
        try {
            downsampler.run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Downsampling failed (will retry): {}", e.getMessage());
        }
    }

    @Override
    public List<MetricPoint> history(String memberId, Instant from, Instant to, Duration step) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw ApiException.badRequest("from", "from must be before to");
        }
        if (step == null || step.isNegative() || step.isZero()) {
            throw ApiException.badRequest("step", "step must be a positive duration");
        }
        long stepMs = Math.max(1, step.toMillis());
        long range = to.toEpochMilli() - from.toEpochMilli();
        if (range / stepMs > MAX_POINTS) {
            throw ApiException.badRequest("step", "at most " + MAX_POINTS + " points: use a step of at least " + (range / MAX_POINTS / 1000 + 1) + " s");
        }
        try {
            return HistoryBuckets.average(metrics.range(memberId, from.toEpochMilli(), to.toEpochMilli()), from.toEpochMilli(), stepMs);
        } catch (SQLException e) {
            throw new IllegalStateException("metric history query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<HourAvailability> availability(String memberId, int hours) {
        if (hours < 1 || hours > 8760) {
            throw ApiException.badRequest("hours", "hours must be between 1 and 8760");
        }
        long now = clock.millis();
        long current = Math.floorDiv(now, AvailabilityTracker.HOUR) * AvailabilityTracker.HOUR;
        try {
            Map<Long, Long> stored = availabilityStore.hours(memberId, current - (hours - 1) * AvailabilityTracker.HOUR, current);
            return availability.hours(memberId, hours, now, stored);
        } catch (SQLException e) {
            throw new IllegalStateException("availability query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String prometheus() {
        return Exposition.render(members, gauges, queue.size(), availability.openSpans());
    }
}
