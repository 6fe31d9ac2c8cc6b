package org.sharercloud.portal.internal.rest;

import java.util.concurrent.TimeUnit;

import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.agent.AgentGateway;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/agent/assignments?waitSeconds=N&resync=}: the agent's long-poll (member credential).
 * Suspended without holding a thread; resumed the moment the member has work, else after N seconds
 * (at most 60) with empty lists.
 */
@Path("agent/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
public class AgentAssignmentResource {
    private final Services services;

    public AgentAssignmentResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "agentAssignments", summary = "Long-poll: the attempts and workers this member must start or stop (member credential)",
            responses = @ApiResponse(responseCode = "200", description = "work to do, or empty lists after waitSeconds",
                    content = @Content(schema = @Schema(implementation = Assignments.class))))
    @GET
    public void poll(@QueryParam("waitSeconds") @DefaultValue("30") String waitSeconds,
            @QueryParam("resync") @DefaultValue("false") boolean resync, @Context SecurityContext sc,
            @Suspended AsyncResponse async) {
        String member = Caller.member(sc).subject();
        int wait;
        try {
            wait = Integer.parseInt(waitSeconds.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("waitSeconds", "waitSeconds must be a whole number of seconds (0-60)");
        }
        if (wait < 0) {
            throw ApiException.badRequest("waitSeconds", "waitSeconds must be between 0 and 60");
        }
        wait = Math.min(wait, AgentGateway.MAX_WAIT_SECONDS);
        async.setTimeout(wait + 10L, TimeUnit.SECONDS); // safety net: the gateway answers by itself after wait
        async.setTimeoutHandler(r -> r.resume(Assignments.NONE));
        services.agent().awaitAssignments(member, wait, resync).whenComplete((a, err) -> {
            if (err != null) {
                async.resume(err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err);
            } else {
                async.resume(a);
            }
        });
    }
}
