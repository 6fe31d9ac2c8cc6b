package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.ExecRequest;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationRequest;
import org.sharercloud.portal.internal.Services;

/** {@code /api/v1/reservations}: reserve a worker, list mine, exec in it (waits, bounded), release. */
@Path("reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReservationResource {
    private final Services services;

    public ReservationResource(Services services) {
        this.services = services;
    }

    @POST
    public Response reserve(ReservationRequest body, @Context SecurityContext sc) {
        if (body == null) {
            throw ApiException.badRequest("memberId", "send a JSON body with memberId and image");
        }
        return Response.status(201).entity(services.reservations().reserve(Caller.person(sc), body)).build();
    }

    @GET
    public List<Reservation> mine(@Context SecurityContext sc) {
        return services.reservations().list(Caller.person(sc));
    }

    @GET
    @Path("{id}")
    public Reservation get(@PathParam("id") String id, @Context SecurityContext sc) {
        return services.reservations().get(Caller.person(sc), id);
    }

    @POST
    @Path("{id}/exec")
    public ExecResult exec(@PathParam("id") String id, ExecRequest body, @Context SecurityContext sc) {
        return services.reservations().exec(Caller.person(sc), id, body);
    }

    @DELETE
    @Path("{id}")
    public Reservation release(@PathParam("id") String id, @Context SecurityContext sc) {
        return services.reservations().release(Caller.person(sc), id);
    }
}
