package org.sharercloud.portal.internal.rest;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.portal.internal.LongRequests;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.ExecRequest;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationRequest;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/reservations}: reserve a worker, list mine, exec in it (waits, bounded), release. */
@Path("reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reservations")
public class ReservationResource {
    private final Services services;

    public ReservationResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "reserveWorker", summary = "Reserve a worker (a long-lived sandbox) on a member (requestor or admin)",
            responses = @ApiResponse(responseCode = "201", description = "the reservation, PENDING until the agent has started it", content = @Content(schema = @Schema(implementation = Reservation.class))))
    @POST
    public Response reserve(ReservationRequest body, @Context SecurityContext sc) {
        if (body == null) {
            throw ApiException.badRequest("memberId", "send a JSON body with memberId and image");
        }
        return Response.status(201).entity(services.reservations().reserve(Caller.person(sc), body)).build();
    }

    @Operation(operationId = "listReservations", summary = "The caller's reserved workers (an admin sees all)")
    @GET
    public List<Reservation> mine(@Context SecurityContext sc) {
        return services.reservations().list(Caller.person(sc));
    }

    @Operation(operationId = "getReservation", summary = "One reserved worker")
    @GET
    @Path("{id}")
    public Reservation get(@PathParam("id") String id, @Context SecurityContext sc) {
        return services.reservations().get(Caller.person(sc), id);
    }

    @Operation(operationId = "execInReservation", summary = "Run a command in a reserved worker and wait (bounded) for its exit code and output",
            description = "The request waits without holding a server thread. At most " + LongRequests.PER_PRINCIPAL + " execs and "
                    + "log follows per caller at once and " + LongRequests.TOTAL + " in all: 429 with Retry-After above either.",
            responses = @ApiResponse(responseCode = "200", description = "the command's exit code and output",
                    content = @Content(schema = @Schema(implementation = ExecResult.class))))
    @POST
    @Path("{id}/exec")
    public void exec(@PathParam("id") String id, ExecRequest body, @Context SecurityContext sc, @Suspended AsyncResponse async) {
        org.sharercloud.api.auth.Principal p = Caller.person(sc);
        LongRequests.Permit permit = services.longRequests().acquire(p.subject(), "exec");
        CompletionStage<ExecResult> result;
        try {
            result = services.reservations().execAsync(p, id, body);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        result.whenComplete((r, e) -> {
            permit.close();
            if (e == null) {
                async.resume(r);
            } else {
                async.resume(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        });
    }

    @Operation(operationId = "releaseReservation", summary = "Release a reserved worker; the agent removes its sandbox")
    @DELETE
    @Path("{id}")
    public Reservation release(@PathParam("id") String id, @Context SecurityContext sc) {
        return services.reservations().release(Caller.person(sc), id);
    }
}
