package org.sharercloud.portal.internal.rest;

import java.util.List;

import org.sharercloud.portal.internal.Health;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.live.ClusterSeries;
import org.sharercloud.portal.internal.live.EventHub;

/** The JAX-RS resources of the API under {@code /api/v1}: one line per resource class. */
final class Resources {
    private Resources() {
    }

    static List<Object> api(Services services, Health health, EventHub hub, ClusterSeries series) {
        return List.of(
                new HealthResource(health),
                new OpenApiResource(),
                new DocsResource(),
                new MeResource(),
                new TokenResource(services),
                new ForecastResource(services),
                new SchedulerResource(services),
                new JoinTokenResource(services),
                new AgentJoinResource(services),
                new AgentHeartbeatResource(services),
                new MemberResource(services),
                new WorkloadResource(services),
                new UsageResource(services),
                new AgentAssignmentResource(services),
                new AgentEventResource(services),
                new ReservationResource(services),
                new CreditResource(services),
                new EventStreamResource(services, hub),
                new ClusterResource(services, series));
    }

    /** Served at the root: the web page (and, with monitoring, {@code /metrics}). */
    static List<Object> root(Services services) {
        return List.of(new StaticResource(),
                new MetricsResource(services));
    }
}
