package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;

import org.sharercloud.api.ApiException;
import org.sharercloud.portal.internal.Services;

/**
 * {@code GET /metrics}: the monitoring module's exposition plus the portal's request latencies, in
 * Prometheus text format. Still answers (with {@code sharer_monitoring_up 0}) when monitoring is stopped.
 */
@Path("metrics")
public class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Services services;

    public MetricsResource(Services services) {
        this.services = services;
    }

    @GET
    @Produces(CONTENT_TYPE)
    public String get() {
        StringBuilder sb = new StringBuilder();
        boolean up;
        try {
            sb.append(services.monitoring().prometheus());
            up = true;
        } catch (ApiException e) {
            up = false;
        }
        sb.append("# HELP sharer_monitoring_up 1 when the monitoring module is running.\n# TYPE sharer_monitoring_up gauge\n")
                .append("sharer_monitoring_up ").append(up ? 1 : 0).append('\n');
        sb.append(RequestMetrics.INSTANCE.render());
        return sb.toString();
    }
}
