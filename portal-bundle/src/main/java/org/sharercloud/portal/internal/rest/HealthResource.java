package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sharercloud.portal.internal.Health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/health}: 200 when every module is UP, 503 (same body) when any is not. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthResource {
    private final Health health;

    public HealthResource(Health health) {
        this.health = health;
    }

    @Operation(operationId = "getHealth", summary = "Coordinator health and each module's state (no token needed)", responses = {
            @ApiResponse(responseCode = "200", description = "every module is UP", content = @Content(schema = @Schema(implementation = Health.Report.class))),
            @ApiResponse(responseCode = "503", description = "a module is not running: the same body with status DEGRADED",
                    content = @Content(schema = @Schema(implementation = Health.Report.class)))})
    @GET
    public Response get() {
        Health.Report r = health.report();
        return Response.status(r.up() ? 200 : 503).entity(r).build();
    }
}
