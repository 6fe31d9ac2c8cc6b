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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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

/**
 * Every {@code autoscale.interval.seconds}, measures each autoscaled service's CPU demand, asks its
 * {@link Autoscaler} for a replica count and applies a change through {@link ServiceScaler}, which
 * stores it with its reason (the workload's {@code autoscale.lastDecision}). The demand history lives
 * in memory: after a restart predictive policies are reactive until enough history is back.
 * (No {@code @Designate}: the scheduler's own metatype already designates this PID; the keys are read
 * through the typed {@link AutoscaleConfig} all the same.)
 */
@Component(service = AutoscalerComponent.class, immediate = true, configurationPid = AutoscaleConfig.PID)
public class AutoscalerComponent {
    private static final System.Logger LOG = System.getLogger(AutoscalerComponent.class.getName());
    static final String PREFERRED = "arima";
    private final ServiceScaler scaler;
    private final Clock clock;
    private final Map<String, Autoscaler> services = new ConcurrentHashMap<>();
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile AutoscaleConfig config;
    private ScheduledFuture<?> task;

    @Activate
    public AutoscalerComponent(@Reference ServiceScaler scaler, AutoscaleConfig config) {
        this(scaler, config, Clock.systemUTC(), true);
    }

    AutoscalerComponent(ServiceScaler scaler, AutoscaleConfig config, Clock clock, boolean schedule) {
        this.scaler = scaler;
        this.clock = clock;
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sharer-autoscaler");
            t.setDaemon(true);
            return t;
        });
        if (schedule) {
            reschedule();
        }
    }

    @Modified
    void modified(AutoscaleConfig c) {
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
        timer.shutdownNow();
    }

    private synchronized void reschedule() {
        if (task != null) {
            task.cancel(false);
        }
        long every = Math.max(1, config.autoscale_interval_seconds());
        task = timer.scheduleAtFixedRate(this::safeRound, every, every, TimeUnit.SECONDS);
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

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "autoscaling round failed; trying again next interval", e);
        }
    }

    /** One interval: measure, decide and apply for every autoscaled service. Returns the changes made. */
    int round() {
        AutoscaleConfig c = config;
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
                    LOG.log(System.Logger.Level.INFO, "Autoscaled service {0}: {1} -> {2} replica(s): {3}", s.workloadId(),
                            s.replicas(), d.replicas(), d.reason());
                } catch (ApiException e) {
                    LOG.log(System.Logger.Level.INFO, "Service {0} not scaled: {1}", s.workloadId(), e.getMessage());
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
