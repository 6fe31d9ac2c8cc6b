package org.sharercloud.portal.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.portal.internal.Services;

/** {@code POST /api/v1/agent/join} (no bearer: the join token is the credential) → 201 with the member id and credential. */
@Path("agent/join")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentJoinResource {
    private final Services services;

    public AgentJoinResource(Services services) {
        this.services = services;
    }

    @POST
    public Response join(JoinRequest request) {
        return Response.status(201).entity(services.members().join(request)).build();
    }
}
