package org.sharercloud.scheduler.internal.strategy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import org.sharercloud.scheduler.internal.SchedulerConfig;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/**
 * The {@code forecast} strategy as a service. Forecasts are refreshed on a background thread every
 * {@code forecast.refresh.seconds} from the {@link MemberHistory} service with the configured
 * forecaster (falling back to {@code arima}, then to the first registered by name); scoring only reads
 * the cache. Without history or forecaster the cache stays empty and every member scores as unknown.
 */
@Component(service = PlacementStrategy.class, configurationPid = SchedulerConfig.PID,
        property = PlacementStrategy.NAME + "=" + ForecastStrategy.NAME)
public class ForecastStrategyComponent implements PlacementStrategy, PoolScoring {
    private static final System.Logger LOG = System.getLogger(ForecastStrategyComponent.class.getName());
    static final String PREFERRED = "arima";
    private final ForecastStrategy strategy = new ForecastStrategy(new ForecastCache());
    private final Map<String, Forecaster> forecasters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;
    private volatile SchedulerConfig config;
    private volatile MemberHistory history;

    @Activate
    public ForecastStrategyComponent(SchedulerConfig config) {
        this.config = config;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sharer-forecast-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, config.forecast_refresh_seconds()),
                TimeUnit.SECONDS);
    }

    @Modified
    void modified(SchedulerConfig config) {
        this.config = config;
        refresher.execute(this::refresh);
    }

    @Deactivate
    void deactivate() {
        refresher.shutdownNow();
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
        refresher.execute(this::refresh);
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
        try {
            SchedulerConfig c = config;
            strategy.cache().refresh(h, chooseForecaster(), c.forecast_history_hours(), c.forecast_horizon_hours());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "forecast refresh failed; keeping the previous forecasts", e);
        }
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
