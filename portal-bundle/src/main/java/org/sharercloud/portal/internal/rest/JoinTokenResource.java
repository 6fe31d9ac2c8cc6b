package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.api.members.JoinTokenInfo;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/join-tokens}: an admin mints join tokens for contributors and lists the ones still usable. */
@Path("join-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "join-tokens")
public class JoinTokenResource {
    /** Request body: {@code ttl} as seconds or a duration ({@code "PT1H"}, {@code "1h"}; default 1 h), {@code uses} (default 1). */
    public record JoinTokenRequest(@Schema(description = "seconds, or a duration such as \"PT1H\" or \"1h\"", oneOf = {Integer.class, String.class}) Object ttl,
            Integer uses) {
    }

    private final Services services;

    public JoinTokenResource(Services services) {
        this.services = services;
    }

    /** Join tokens still usable, newest first, without secrets (admin). */
    @Operation(operationId = "listJoinTokens", summary = "Join tokens still usable, newest first, without their secrets (admin)")
    @GET
    public List<JoinTokenInfo> list(@Context SecurityContext sc) {
        Caller.admin(sc);
        return services.members().joinTokens();
    }

    @Operation(operationId = "createJoinToken", summary = "Mint a join token for contributor machines (admin)",
            responses = @ApiResponse(responseCode = "201", description = "the join token; its secret is shown only here", content = @Content(schema = @Schema(implementation = JoinToken.class))))
    @POST
    public Response mint(JoinTokenRequest body, @Context SecurityContext sc) {
        Caller.admin(sc);
        JoinTokenRequest b = body == null ? new JoinTokenRequest(null, null) : body;
        if (b.ttl() != null && !(b.ttl() instanceof Number) && !(b.ttl() instanceof String)) {
            throw ApiException.badRequest("ttl", "ttl must be seconds or a duration such as \"PT1H\"");
        }
        return Response.status(201)
                .entity(services.members().createJoinToken(b.ttl() == null ? null : Durations.parse("ttl", b.ttl()), b.uses() == null ? 1 : b.uses()))
                .build();
    }
}
