package org.sharercloud.scheduler.internal;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberHistory;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;
import org.sharercloud.scheduler.internal.strategy.ForecastCache;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;
import org.sharercloud.timers.Timers;

/**
 * The {@code forecast} strategy as a service. Forecasts are refreshed on a background thread ({@link Timers} {@code sharer-forecast-refresh})
 * every {@code forecast.refresh.seconds}, and at once when the configuration or the history changes, from
 * the {@link MemberHistory} service with the configured forecaster (falling back to {@code arima}, then to
 * the first registered by name); scoring only reads the cache. Without history or forecaster the cache stays empty and every member scores as unknown.
 */
@Component(service = PlacementStrategy.class, configurationPid = SchedulerConfig.PID,
        property = PlacementStrategy.NAME + "=" + ForecastStrategy.NAME)
public class ForecastStrategyComponent implements PlacementStrategy, PoolScoring {
    static final String PREFERRED = "arima";
    private final ForecastStrategy strategy = new ForecastStrategy(new ForecastCache());
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();
    private final Timers refresher = Timers.create("forecast-refresh", 1);
    private volatile SchedulerConfig config;
    private volatile MemberHistory history;

    @Activate
    public ForecastStrategyComponent(SchedulerConfig config) {
        this.config = config;
        refresher.withFixedDelay("forecast refresh", Duration.ZERO, Duration.ofSeconds(Math.max(1, config.forecast_refresh_seconds())),
                this::refresh);
    }

    @Modified
    void modified(SchedulerConfig config) {
        this.config = config;
        refresher.run("forecast refresh", this::refresh);
    }

    @Deactivate
    void deactivate() {
        refresher.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addForecaster(Forecaster f, Map<String, Object> props) {
        forecasters.put(nameOf(f, props), f);
    }

    void removeForecaster(Forecaster f, Map<String, Object> props) {
        forecasters.remove(nameOf(f, props), f);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setHistory(MemberHistory h) {
        history = h;
        refresher.run("forecast refresh", this::refresh);
    }

    void unsetHistory(MemberHistory h) {
        if (history == h) {
            history = null;
        }
    }

    /** The forecaster to use now: configured, else arima, else the first by name, else null. */
    Forecaster chooseForecaster() {
        Forecaster f = forecasters.get(config.forecast_forecaster());
        if (f == null) {
            f = forecasters.get(PREFERRED);
        }
        if (f == null && !forecasters.isEmpty()) {
            f = new TreeMap<>(forecasters).firstEntry().getValue();
        }
        return f;
    }

    void refresh() {
        MemberHistory h = history;
        if (h == null) {
            return;
        }
        SchedulerConfig c = config;
        strategy.cache().refresh(h, chooseForecaster(), c.forecast_history_hours(), c.forecast_horizon_hours());
    }

    ForecastCache cache() {
        return strategy.cache();
    }

    @Override
    public String name() {
        return ForecastStrategy.NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return strategy.score(demand, candidate);
    }

    @Override
    public int best(Demand demand, CandidatePool pool, Placer placer) {
        return strategy.best(demand, pool, placer);
    }

    private static String nameOf(Forecaster f, Map<String, Object> props) {
        Object n = props.get(Forecaster.NAME);
        return n instanceof String s && !s.isBlank() ? s : f.name();
    }
}
