package org.sharercloud.portal.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;

/** {@code POST /api/v1/tokens}: an admin mints an API token for a requestor (or another admin). */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {
    /** Request body; {@code role} defaults to REQUESTOR. */
    public record TokenRequest(String name, String role) {
    }

    private final Services services;

    public TokenResource(Services services) {
        this.services = services;
    }

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
