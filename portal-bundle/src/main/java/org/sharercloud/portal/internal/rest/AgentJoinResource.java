package org.sharercloud.portal.internal.rest;

import java.io.IOException;

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

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/agent/join} (no bearer: the join token is the credential) → 201 with the member id and credential.
 * Nobody has authenticated yet, so the body (capped small by {@link BodyLimitFilter}) is only scanned for its
 * {@code joinToken}, which is checked before the host description and its labels are bound.
 */
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
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JoinRequest.class))),
            responses = @ApiResponse(responseCode = "201", description = "the member id and its credential", content = @Content(schema = @Schema(implementation = JoinResult.class))))
    @POST
    public Response join(byte[] body, @Context HttpServletRequest http) throws IOException {
        String address = AuthFilter.address(http);
        if (address != null) {
            RateLimits.get().checkNotBlocked(address);
            RateLimits.get().join(address);
        }
        try {
            // the join token first: nothing of a stranger's body (host, labels) is bound before it is known good
            services.members().checkJoinToken(joinToken(body));
            JoinRequest request = Json.MAPPER.readValue(body, JoinRequest.class);
            return Response.status(201).entity(services.members().join(request)).build();
        } catch (ApiException e) {
            if ((e.status() == 401 || e.status() == 403) && address != null) {
                RateLimits.get().failed(address); // a refused join token is a failed authentication
            }
            throw e;
        }
    }

    /** The top-level {@code joinToken} string of a JSON object, read without binding anything else; null when absent. */
    static String joinToken(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(null, "send a JSON object with joinToken and host");
            }
            String token = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("joinToken".equals(name)) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        throw ApiException.badRequest("joinToken", "field 'joinToken' has the wrong type or format");
                    }
                    token = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            return token;
        }
    }
}
