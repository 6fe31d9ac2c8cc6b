package org.sharercloud.portal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sharercloud.portal} ({@code etc/org.sharercloud.portal.cfg}): limits on what a request may send. */
@ObjectClassDefinition(name = "Sharer Cloud portal", description = "The API's limits on request bodies and JSON")
public @interface PortalConfig {
    /** The PID. */
    String PID = "org.sharercloud.portal";

    @AttributeDefinition(description = "Largest request body in bytes on any API path not listed below; above: 413")
    int body_max_bytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Largest body of POST /agent/join (no bearer token), in bytes; above: 413")
    int body_join_max_bytes() default 64 * 1024;

    @AttributeDefinition(description = "Largest body of POST /agent/heartbeat, in bytes; above: 413")
    int body_heartbeat_max_bytes() default 256 * 1024;

    @AttributeDefinition(description = "Largest body of POST /agent/attempts/{id}/events (a result carries the outputs archive), in bytes; above: 413")
    int body_agent_events_max_bytes() default 32 * 1024 * 1024;

    @AttributeDefinition(description = "Deepest JSON nesting (objects and arrays) accepted in a body; deeper: 413")
    int json_max_depth() default 32;

    @AttributeDefinition(description = "Longest JSON string (in characters) accepted in a body (base64 binary values are bounded by the body size only); longer: 413")
    int json_max_string_length() default 2 * 1024 * 1024;

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

    @AttributeDefinition(description = "Long requests (logs?follow=true, exec) one caller may hold open at once; more: 429")
    int long_requests_per_caller() default LongRequests.PER_PRINCIPAL;

    @AttributeDefinition(description = "Long requests (logs?follow=true, exec) open at once in all; more: 429. They hold no server thread while they wait")
    int long_requests_max() default LongRequests.TOTAL;
}
