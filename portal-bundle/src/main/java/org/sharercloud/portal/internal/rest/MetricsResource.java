package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.store.PoolStats;
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

    /**
     * Everything for an admin token; without one, the same minus the per-member series ({@code sharer_member_*}:
     * each volunteer's load tells when they sit at their machine). A bad token is a 401 (and counts against the
     * address, as on the API); a requestor or member token gets the public view.
     */
    @GET
    @Produces(CONTENT_TYPE)
    public Response get(@HeaderParam("Authorization") String authorization, @Context HttpServletRequest request) {
        boolean admin = false;
        String address = AuthFilter.address(request);
        try {
            if (address != null) {
                RateLimits.get().checkNotBlocked(address);
            }
            if (authorization != null) {
                admin = BearerAuth.authenticate(services, authorization, address).isAdmin();
            }
        } catch (ApiException e) {
            return ErrorMapper.withRetryAfter(ErrorBody.response(e.status(), e.getMessage(), e.field()), e);
        }
        String text = render();
        return Response.ok(admin ? text : withoutMemberSeries(text), CONTENT_TYPE).build();
    }

    /** The exposition without the per-member families ({@code sharer_member_*}, labelled by member). */
    static String withoutMemberSeries(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n")) {
            String name = line.startsWith("# ") ? line.substring(line.indexOf(' ', 2) + 1) : line;
            if (!name.startsWith("sharer_member_")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private String render() {
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
        services.store().ifPresent(store -> appendPool(sb, store.pool()));
        sb.append(RequestMetrics.INSTANCE.render());
        return sb.toString();
    }

    private static void appendPool(StringBuilder sb, PoolStats p) {
        gauge(sb, "sharer_store_pool_active", "Store connections lent out now.", p.active());
        gauge(sb, "sharer_store_pool_idle", "Store connections open and free.", p.idle());
        gauge(sb, "sharer_store_pool_waiting", "Threads waiting for a store connection.", p.waiting());
        gauge(sb, "sharer_store_pool_max", "Largest number of store connections.", p.max());
        counter(sb, "sharer_store_pool_acquired_total", "Store connections lent out since start.", p.acquired());
        counter(sb, "sharer_store_pool_acquire_seconds_total", "Time spent waiting for store connections.", p.acquireSeconds());
        counter(sb, "sharer_store_pool_timeouts_total", "Requests that found no free store connection in time.", p.timeouts());
        counter(sb, "sharer_store_pool_created_total", "Physical store connections opened since start.", p.created());
    }

    private static void gauge(StringBuilder sb, String name, String help, double v) {
        family(sb, name, "gauge", help, v);
    }

    private static void counter(StringBuilder sb, String name, String help, double v) {
        family(sb, name, "counter", help, v);
    }

    private static void family(StringBuilder sb, String name, String type, String help, double v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(' ').append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)).append('\n');
    }
}
