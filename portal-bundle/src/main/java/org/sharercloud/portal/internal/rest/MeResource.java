package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.auth.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/me}: who the bearer token stands for, so that the page can adapt to the role. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class MeResource {
    @Operation(operationId = "getMe", summary = "Who the bearer token stands for: subject and role (any token)")
    @GET
    public Principal me(@Context SecurityContext sc) {
        return Caller.of(sc);
    }
}
