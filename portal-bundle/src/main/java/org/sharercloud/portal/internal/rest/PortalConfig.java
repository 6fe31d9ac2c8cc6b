package org.sharercloud.portal.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sharercloud.portal} ({@code etc/org.sharercloud.portal.cfg}, optional): the API's rate limits. */
@ObjectClassDefinition(name = "Sharer Cloud portal and API", description = "Rate limits of the API (429 with Retry-After)")
public @interface PortalConfig {
    /** The PID. */
    String PID = "org.sharercloud.portal";

    @AttributeDefinition(description = "Failed authentications one source address may make at once; then 429 until refilled")
    int auth_failures_burst() default 30;

    @AttributeDefinition(description = "Failed authentications refilled per minute and source address")
    int auth_failures_per_minute() default 30;

    @AttributeDefinition(description = "Joins one source address may make at once")
    int joins_burst() default 30;

    @AttributeDefinition(description = "Joins refilled per minute and source address")
    int joins_per_minute() default 30;

    @AttributeDefinition(description = "Workload submits one principal may make at once")
    int submits_burst() default 1200;

    @AttributeDefinition(description = "Workload submits refilled per minute and principal")
    int submits_per_minute() default 1200;
}
