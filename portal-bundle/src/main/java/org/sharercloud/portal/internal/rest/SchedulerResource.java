package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.SchedulerStatus;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/scheduler}: the registered placement strategies and the active one (admin). */
@Path("scheduler")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "scheduler")
public class SchedulerResource {
    /** Strategies, the active one and the loop's counters. */
    public record Strategies(List<String> strategies, String active, SchedulerStatus status) {
    }

    /** Body of {@code PUT /scheduler/strategy}. */
    public record StrategyChoice(String name) {
    }

    private final Services services;

    public SchedulerResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "listStrategies", summary = "The registered placement strategies, the active one and the loop's counters (admin)")
    @GET
    @Path("strategies")
    public Strategies strategies(@Context SecurityContext sc) {
        Caller.admin(sc);
        var s = services.scheduler();
        return new Strategies(s.strategies(), s.activeStrategy(), s.status());
    }

    @Operation(operationId = "setStrategy", summary = "Switch the active placement strategy at run time (admin)")
    @PUT
    @Path("strategy")
    public Strategies choose(StrategyChoice body, @Context SecurityContext sc) {
        Caller.admin(sc);
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw ApiException.badRequest("name", "name must be one of the registered strategies (GET /api/v1/scheduler/strategies)");
        }
        try {
            services.scheduler().setActiveStrategy(body.name().strip());
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.status() == 400 ? "name" : e.field(), e.getMessage());
        }
        return strategies(sc);
    }
}
