package org.sharercloud.portal.internal.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    /**
     * Request body; {@code role} defaults to REQUESTOR, {@code expiresAt} (an ISO-8601 instant) to never,
     * {@code maxPriority} (the highest workload priority the token may set, 0..1000) to 0 (1000 for admins).
     */
    public record TokenRequest(String name, String role,
            @Schema(description = "when the token stops working (ISO-8601 instant, in the future); absent: never", format = "date-time") String expiresAt,
            @Schema(description = "the highest workload priority this token may set, 0..1000; absent: 0 for requestors, 1000 for admins") Integer maxPriority) {
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

    @Operation(operationId = "createToken", summary = "Mint an API token for a requestor or an admin (admin); 409 when the name is taken (names are unique for good)",
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
        return Response.status(201).entity(services.tokens().mint(body.name(), role, instant("expiresAt", body.expiresAt()), body.maxPriority()))
                .build();
    }

    /** An ISO-8601 instant, null for null; 400 naming the field otherwise. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 instant such as 2030-01-31T12:00:00Z, got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
    }

    /** Rotates a token (admin): same id, name, role and grant, a new secret; the old one stops working at once. */
    @Operation(operationId = "rotateToken", summary = "Rotate an API token: a new secret for the same token, the old one stops working at once (admin); 409 for a revoked or expired token")
    @POST
    @Path("{id}/rotate")
    public IssuedToken rotate(@PathParam("id") String id, @Context SecurityContext sc) {
        Caller.admin(sc);
        return services.tokens().rotate(id);
    }
}
