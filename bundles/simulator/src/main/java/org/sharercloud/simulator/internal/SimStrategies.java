package org.sharercloud.simulator.internal;

import java.util.List;

import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.strategy.BinpackStrategy;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.ForecastCache;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

/** Fresh instances of the built-in strategies: a replay must not share forecasts with the live cluster. */
public final class SimStrategies {
    public static final List<String> BUILT_IN = List.of(FirstFitStrategy.NAME, SpreadStrategy.NAME,
            BinpackStrategy.NAME, ForecastStrategy.NAME);

    private SimStrategies() {
    }

    /** A new instance of a built-in strategy, or null for another name. */
    public static PlacementStrategy fresh(String name) {
        return switch (name) {
            case FirstFitStrategy.NAME -> new FirstFitStrategy();
            case SpreadStrategy.NAME -> new SpreadStrategy();
            case BinpackStrategy.NAME -> new BinpackStrategy();
            case ForecastStrategy.NAME -> new ForecastStrategy(new ForecastCache());
            default -> null;
        };
    }
}
