package org.sharercloud.portal.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /api/v1/agent/join} (no bearer: the join token is the credential) → 201 with the member id and credential. */
@Path("agent/join")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
public class AgentJoinResource {
    private final Services services;

    public AgentJoinResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "agentJoin", summary = "A contributor joins with a join token (no bearer token: the join token is the credential)",
            responses = @ApiResponse(responseCode = "201", description = "the member id and its credential", content = @Content(schema = @Schema(implementation = JoinResult.class))))
    @POST
    public Response join(JoinRequest request, @Context HttpServletRequest http) {
        String address = AuthFilter.address(http);
        if (address != null) {
            RateLimits.get().checkNotBlocked(address);
            RateLimits.get().join(address);
        }
        try {
            return Response.status(201).entity(services.members().join(request)).build();
        } catch (ApiException e) {
            if ((e.status() == 401 || e.status() == 403) && address != null) {
                RateLimits.get().failed(address); // a refused join token is a failed authentication
            }
            throw e;
        }
    }
}
