package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sharercloud.portal.internal.Health;

/** {@code GET /api/v1/health}: 200 when every module is UP, 503 (same body) when any is not. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final Health health;

    public HealthResource(Health health) {
        this.health = health;
    }

    @GET
    public Response get() {
        Health.Report r = health.report();
        return Response.status(r.up() ? 200 : 503).entity(r).build();
    }
}
