package org.sharercloud.scheduler.internal.autoscale;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The autoscaler's keys in the scheduler's configuration ({@code etc/org.sharercloud.scheduler.cfg}),
 * e.g. {@code autoscale.interval.seconds}. Read as a component property type; not designated (see
 * {@link AutoscalerComponent}).
 */
@ObjectClassDefinition(name = "Sharer Cloud autoscaler", description = "Autoscaling of service workloads")
public @interface AutoscaleConfig {
    /** The scheduler's PID: the autoscaler reads only its own {@code autoscale.*} keys there. */
    String PID = "org.sharercloud.scheduler";

    @AttributeDefinition(description = "Run the autoscaler at all")
    boolean autoscale_enabled() default true;

    @AttributeDefinition(description = "Seconds between two decisions (one interval of observed demand)")
    int autoscale_interval_seconds() default 30;

    @AttributeDefinition(description = "Forecaster for predictive policies (seasonal-naive, arima, ...); absent: arima, then any")
    String autoscale_forecaster() default "seasonal-naive";

    @AttributeDefinition(description = "Seasonal period of service load, in intervals; 0 detects it from the history")
    int autoscale_season_intervals() default 0;

    @AttributeDefinition(description = "Intervals of demand history kept per service for forecasting")
    int autoscale_history_intervals() default 480;

    @AttributeDefinition(description = "Intervals a lower recommendation must last before scaling down")
    int autoscale_down_intervals() default 5;

    @AttributeDefinition(description = "Forecast standard errors added to the forecast as a safety margin")
    double autoscale_margin_sigmas() default 1.0;
}
