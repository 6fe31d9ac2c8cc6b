package org.sharercloud.portal.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.agent.AgentHolding;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.agent.EventAck;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.agent.ResyncResult;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/agent/attempts/{id}/events}, {@code POST /api/v1/agent/reservations/{id}/events} and
 * {@code POST /api/v1/agent/resync}:
 * what an agent reports (member credential; only that member's attempts and reservations).
 */
@Path("agent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
public class AgentEventResource {
    private final Services services;

    public AgentEventResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "agentAttemptEvent", summary = "An attempt's state change, log lines, usage or result, fenced by its token (member credential)")
    @POST
    @Path("attempts/{id}/events")
    public EventAck attemptEvent(@PathParam("id") String id, AttemptEvent event, @Context SecurityContext sc) {
        String member = Caller.member(sc).subject();
        if (event == null) {
            throw ApiException.badRequest("type", "send a JSON event with fencingToken and type");
        }
        return services.agent().reportAttempt(member, id, event);
    }

    @Operation(operationId = "agentResync", summary = "After a lost contact: what the agent holds, reconciled with what the coordinator "
            + "placed there (member credential)")
    @POST
    @Path("resync")
    public ResyncResult resync(AgentHolding holding, @Context SecurityContext sc) {
        String member = Caller.member(sc).subject();
        return services.agent().resync(member, holding);
    }

    @Operation(operationId = "agentReservationEvent", summary = "A reserved worker's state change or exec result (member credential)",
            responses = @ApiResponse(responseCode = "204", description = "recorded"))
    @POST
    @Path("reservations/{id}/events")
    public Response reservationEvent(@PathParam("id") String id, ReservationEvent event, @Context SecurityContext sc) {
        String member = Caller.member(sc).subject();
        services.agent().reportReservation(member, id, event);
        return Response.noContent().build();
    }
}
