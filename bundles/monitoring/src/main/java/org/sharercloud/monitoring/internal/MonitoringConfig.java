package org.sharercloud.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.sharercloud.monitoring} ({@code etc/org.sharercloud.monitoring.cfg}). */
@ObjectClassDefinition(name = "Sharer Cloud monitoring", description = "Member metric history and the Prometheus exposition")
public @interface MonitoringConfig {
    /** The PID. */
    String PID = "org.sharercloud.monitoring";

    @AttributeDefinition(description = "Hours of full-resolution samples kept before they are averaged into 1-minute points", min = "1")
    int raw_hours() default 24;

    @AttributeDefinition(description = "Days of 1-minute points kept before they are averaged into 15-minute points", min = "1")
    int minute_days() default 7;

    @AttributeDefinition(description = "Days of 15-minute points kept before they are deleted", min = "1")
    int quarter_days() default 365;

    @AttributeDefinition(description = "How often received samples are written to the store, in milliseconds", min = "100")
    int flush_millis() default 1000;

    @AttributeDefinition(description = "How often the ONLINE time of each member and hour is written to the store, in seconds "
            + "(what is not yet written is kept in memory, one entry per member, and counted in queries)", min = "1")
    int availability_flush_seconds() default 60;

    @AttributeDefinition(description = "How often old samples are downsampled, in minutes", min = "1")
    int compact_minutes() default 5;

    @AttributeDefinition(description = "Samples held in memory while waiting to be written; beyond it new samples are dropped (and counted)", min = "1000")
    int queue_capacity() default 100000;
}
