package org.sharercloud.scheduler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.sharercloud.scheduler} ({@code etc/org.sharercloud.scheduler.cfg}): the one
 * metatype of the scheduler module, designated by {@link SchedulerComponent}. Every component of the module
 * names it the same way, {@code configurationPid = SchedulerConfig.PID}, and takes this type: the loop, the
 * forecast strategy ({@code forecast.*}) and the autoscaler ({@code autoscale.*}).
 */
@ObjectClassDefinition(name = "Sharer Cloud scheduler", description = "Scheduling loop and placement strategies")
public @interface SchedulerConfig {
    /** The PID. */
    String PID = "org.sharercloud.scheduler";

    @AttributeDefinition(description = "Placement strategy used at start and when the active one goes away")
    String strategy() default "first-fit";

    @AttributeDefinition(description = "Let higher-priority work evict lower-priority attempts when nothing else fits")
    boolean preemption_enabled() default true;

    @AttributeDefinition(description = "Seconds a replica waits, when every member that could run it is excluded after "
            + "earlier failed or lost attempts, before those members may take it again (its retries still bound the attempts)")
    int exclusion_backoff_seconds() default 30;

    @AttributeDefinition(description = "Seconds after a pass that left work unplaced until the next pass, even when no "
            + "event comes (room also appears when an owner's load drops, which no event reports); 0 disables")
    int pending_recheck_seconds() default 5;

    @AttributeDefinition(description = "Most per-member verdicts in a 'why pending' answer")
    int explain_max_members() default 50;

    @AttributeDefinition(description = "Time zone in which members' sharing hours are read; empty = the coordinator's")
    String sharing_hours_zone() default "";

    @AttributeDefinition(description = "Forecaster the forecast strategy uses (arima, naive, seasonal-naive, ...); "
            + "when absent it falls back to arima, then to any registered forecaster")
    String forecast_forecaster() default "arima";

    @AttributeDefinition(description = "Seconds between background refreshes of member forecasts")
    int forecast_refresh_seconds() default 300;

    @AttributeDefinition(description = "Hours of member history the forecasts are fitted to")
    int forecast_history_hours() default 168;

    @AttributeDefinition(description = "Hours ahead each member is forecast")
    int forecast_horizon_hours() default 24;

    @AttributeDefinition(description = "Run the autoscaler at all")
    boolean autoscale_enabled() default true;

    @AttributeDefinition(description = "Autoscaler: seconds between two decisions (one interval of observed demand)")
    int autoscale_interval_seconds() default 30;

    @AttributeDefinition(description = "Autoscaler: forecaster for predictive policies (seasonal-naive, arima, ...); absent: arima, then any")
    String autoscale_forecaster() default "seasonal-naive";

    @AttributeDefinition(description = "Autoscaler: seasonal period of service load, in intervals; 0 detects it from the history")
    int autoscale_season_intervals() default 0;

    @AttributeDefinition(description = "Autoscaler: intervals of demand history kept per service for forecasting")
    int autoscale_history_intervals() default 480;

    @AttributeDefinition(description = "Autoscaler: intervals a lower recommendation must last before scaling down")
    int autoscale_down_intervals() default 5;

    @AttributeDefinition(description = "Autoscaler: forecast standard errors added to the forecast as a safety margin")
    double autoscale_margin_sigmas() default 1.0;
}
