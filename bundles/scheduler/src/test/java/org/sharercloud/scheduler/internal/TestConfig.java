package org.sharercloud.scheduler.internal;

import java.lang.annotation.Annotation;

/** A SchedulerConfig with the defaults, except what the test sets. */
public class TestConfig implements SchedulerConfig {
    private final String strategy;
    private final String forecaster;

    public TestConfig(String strategy, String forecaster) {
        this.strategy = strategy;
        this.forecaster = forecaster;
    }

    public static SchedulerConfig of(String strategy) {
        return new TestConfig(strategy, "arima");
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SchedulerConfig.class;
    }

    @Override
    public String strategy() {
        return strategy;
    }

    @Override
    public boolean preemption_enabled() {
        return true;
    }

    /** The exclusion back-off the component reads (the default unless a test shortens it). */
    public int exclusionBackoffSeconds = 30;

    /** The recheck of pending work (the default unless a test changes it). */
    public int pendingRecheckSeconds = 5;

    @Override
    public int pending_recheck_seconds() {
        return pendingRecheckSeconds;
    }

    @Override
    public int exclusion_backoff_seconds() {
        return exclusionBackoffSeconds;
    }

    @Override
    public int explain_max_members() {
        return 50;
    }

    @Override
    public String sharing_hours_zone() {
        return "UTC";
    }

    @Override
    public String forecast_forecaster() {
        return forecaster;
    }

    @Override
    public int forecast_refresh_seconds() {
        return 3600;
    }

    @Override
    public int forecast_history_hours() {
        return 168;
    }

    @Override
    public int forecast_horizon_hours() {
        return 6;
    }

    @Override
    public boolean autoscale_enabled() {
        return true;
    }

    @Override
    public int autoscale_interval_seconds() {
        return 30;
    }

    @Override
    public String autoscale_forecaster() {
        return "seasonal-naive";
    }

    @Override
    public int autoscale_season_intervals() {
        return 0;
    }

    @Override
    public int autoscale_history_intervals() {
        return 480;
    }

    @Override
    public int autoscale_down_intervals() {
        return 5;
    }

    @Override
    public double autoscale_margin_sigmas() {
        return 1.0;
    }
}
