package org.sharercloud.scheduler.internal.autoscale;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.workloads.ServiceLoad;
import org.sharercloud.api.workloads.ServiceScaler;
import org.sharercloud.scheduler.internal.SchedulerConfig;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code autoscale.interval.seconds}, measures each autoscaled service's CPU demand, asks its
 * {@link Autoscaler} for a replica count and applies a change through {@link ServiceScaler}, which
 * stores it with its reason (the workload's {@code autoscale.lastDecision}). The demand history lives
 * in memory: after a restart predictive policies are reactive until enough history is back. Reads the
 * {@code autoscale.*} keys of the scheduler's configuration; runs on its own {@link Timers} ({@code sharer-autoscaler}).
 */
@Component(service = AutoscalerComponent.class, immediate = true, configurationPid = SchedulerConfig.PID)
public class AutoscalerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(AutoscalerComponent.class);
    static final String PREFERRED = "arima";
    private final ServiceScaler scaler;
    private final Clock clock;
    private final Map<String, Autoscaler> services = new ConcurrentHashMap<>();
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();
    private final Timers timer = Timers.create("autoscaler", 1);
    private volatile SchedulerConfig config;
    private ScheduledFuture<?> task;

    @Activate
    public AutoscalerComponent(@Reference ServiceScaler scaler, SchedulerConfig config) {
        this(scaler, config, Clock.systemUTC(), true);
    }

    AutoscalerComponent(ServiceScaler scaler, SchedulerConfig config, Clock clock, boolean schedule) {
        this.scaler = scaler;
        this.clock = clock;
        this.config = config;
        if (schedule) {
            reschedule();
        }
    }

    @Modified
    void modified(SchedulerConfig c) {
        boolean timing = c.autoscale_interval_seconds() != config.autoscale_interval_seconds();
        boolean shape = c.autoscale_history_intervals() != config.autoscale_history_intervals()
                || c.autoscale_down_intervals() != config.autoscale_down_intervals()
                || c.autoscale_season_intervals() != config.autoscale_season_intervals()
                || c.autoscale_margin_sigmas() != config.autoscale_margin_sigmas();
        config = c;
        if (timing || shape) {
            services.clear(); // the history's intervals no longer mean the same
        }
        if (timing) {
            reschedule();
        }
    }

    @Deactivate
    void deactivate() {
        timer.close();
    }

    private synchronized void reschedule() {
        if (task != null) {
            task.cancel(false);
        }
        Duration every = Duration.ofSeconds(Math.max(1, config.autoscale_interval_seconds()));
        task = timer.atFixedRate("autoscaling round", every, every, this::round);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addForecaster(Forecaster f, Map<String, Object> props) {
        forecasters.put(nameOf(f, props), f);
    }

    void removeForecaster(Forecaster f, Map<String, Object> props) {
        forecasters.remove(nameOf(f, props), f);
    }

    /** The configured forecaster, else arima, else the first by name, else null (reactive only). */
    Forecaster forecaster() {
        Forecaster f = forecasters.get(config.autoscale_forecaster());
        if (f == null) {
            f = forecasters.get(PREFERRED);
        }
        if (f == null && !forecasters.isEmpty()) {
            f = new TreeMap<>(forecasters).firstEntry().getValue();
        }
        return f;
    }

    /** One interval: measure, decide and apply for every autoscaled service. Returns the changes made. */
    int round() {
        SchedulerConfig c = config;
        if (!c.autoscale_enabled()) {
            return 0;
        }
        List<ServiceLoad> loads = scaler.autoscaled();
        Set<String> seen = new HashSet<>();
        Duration maxAge = Duration.ofSeconds(3L * Math.max(1, c.autoscale_interval_seconds()) + 30);
        int changes = 0;
        for (ServiceLoad s : loads) {
            seen.add(s.workloadId());
            OptionalDouble demand = DemandMeter.demand(s, clock.instant(), maxAge);
            if (demand.isEmpty()) {
                continue; // nothing measured this interval: no decision
            }
            Autoscaler a = services.computeIfAbsent(s.workloadId(), id -> new Autoscaler(c.autoscale_down_intervals(),
                    c.autoscale_history_intervals(), c.autoscale_season_intervals(), c.autoscale_margin_sigmas()));
            Decision d = a.observe(demand.getAsDouble(), s.replicas(), s.policy(), s.policy().isPredictive() ? forecaster() : null);
            if (d.replicas() != s.replicas()) {
                try {
                    scaler.scale(s.workloadId(), d.replicas(), d.reason());
                    changes++;
                    LOG.info("Autoscaled service {}: {} -> {} replica(s): {}", s.workloadId(),
                            s.replicas(), d.replicas(), d.reason());
                } catch (ApiException e) {
                    LOG.info("Service {} not scaled: {}", s.workloadId(), e.getMessage());
                }
            }
        }
        services.keySet().retainAll(seen);
        return changes;
    }

    /** Services with a demand history. */
    Set<String> tracked() {
        return Set.copyOf(services.keySet());
    }

    private static String nameOf(Forecaster f, Map<String, Object> props) {
        Object n = props.get(Forecaster.NAME);
        return n instanceof String s && !s.isBlank() ? s : f.name();
    }
}
