package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.workloads.Usage;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/usage}: what a requestor uses of its quotas (stored logs and outputs, workloads, reserved workers). */
@Path("usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workloads")
public class UsageResource {
    private final Services services;

    public UsageResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "getUsage", summary = "What the caller uses of its quotas: stored logs and outputs, unfinished workloads, "
            + "reserved workers, each with its limit (null: not limited). Admins may name another owner")
    @GET
    public Usage usage(@Parameter(description = "whose usage (admins; a requestor sees only its own)") @QueryParam("owner") String owner,
            @Context SecurityContext sc) {
        return services.workloads().usage(Caller.person(sc), owner);
    }
}
