package org.sharercloud.scheduler.internal;

import java.util.HashMap;
import java.util.Map;

import org.sharercloud.testing.Configs;

/** SchedulerConfig for tests: the defaults with UTC sharing hours and hourly forecasts of 6 h, except what the test sets. */
public final class TestConfig {
    private TestConfig() {
    }

    public static SchedulerConfig of(String strategy) {
        return of(strategy, "arima");
    }

    public static SchedulerConfig of(String strategy, String forecaster) {
        return of(strategy, forecaster, Map.of());
    }

    /** With more properties, spelled as in {@code etc/org.sharercloud.scheduler.cfg}. */
    public static SchedulerConfig of(String strategy, String forecaster, Map<String, ?> more) {
        Map<String, Object> p = new HashMap<>(Map.of("strategy", strategy, "forecast.forecaster", forecaster, "sharing.hours.zone", "UTC",
                "forecast.refresh.seconds", 3600, "forecast.horizon.hours", 6));
        p.putAll(more);
        return Configs.of(SchedulerConfig.class, p);
    }
}
