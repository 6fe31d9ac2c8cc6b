package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PathParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.IssuedToken;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/tokens}: an admin mints, lists and revokes API tokens of requestors and admins. */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokenResource {
    /** Request body; {@code role} defaults to REQUESTOR. */
    public record TokenRequest(String name, String role) {
    }

    private final Services services;

    public TokenResource(Services services) {
        this.services = services;
    }

    /** Every API token, newest first, without secrets (admin). */
    @Operation(operationId = "listTokens", summary = "Every API token, newest first, without its secret (admin)")
    @GET
    public List<TokenInfo> list(@Context SecurityContext sc) {
        Caller.admin(sc);
        return services.tokens().list();
    }

    /** Revokes a token (admin); the last admin token cannot be revoked (409). */
    @Operation(operationId = "revokeToken", summary = "Revoke an API token: it stops working at once (admin); 409 for the last admin token or one already revoked")
    @DELETE
    @Path("{id}")
    public TokenInfo revoke(@PathParam("id") String id, @Context SecurityContext sc) {
        Caller.admin(sc);
        return services.tokens().revoke(id);
    }

    @Operation(operationId = "createToken", summary = "Mint an API token for a requestor or an admin (admin)",
            responses = @ApiResponse(responseCode = "201", description = "the new token; its secret is shown only here", content = @Content(schema = @Schema(implementation = IssuedToken.class))))
    @POST
    public Response mint(TokenRequest body, @Context SecurityContext sc) {
        Caller.admin(sc);
        if (body == null) {
            throw ApiException.badRequest("name", "send a JSON body with name (and optionally role)");
        }
        Role role;
        try {
            role = body.role() == null ? Role.REQUESTOR : Role.valueOf(body.role().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", "role must be REQUESTOR or ADMIN");
        }
        return Response.status(201).entity(services.tokens().mint(body.name(), role)).build();
    }
}
