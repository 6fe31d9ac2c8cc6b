package org.sharercloud.portal.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.portal.internal.Services;

/** {@code POST /api/v1/agent/heartbeat} with the member credential → the member's state and the expected interval. */
@Path("agent/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentHeartbeatResource {
    /** The answer to a heartbeat. */
    public record HeartbeatAck(String memberId, MemberState state, int heartbeatSeconds) {
    }

    private final Services services;

    public AgentHeartbeatResource(Services services) {
        this.services = services;
    }

    @POST
    public HeartbeatAck beat(Heartbeat heartbeat, @Context SecurityContext sc) {
        String memberId = Caller.member(sc).subject();
        MemberService members = services.members();
        Member m = members.heartbeat(memberId, heartbeat);
        return new HeartbeatAck(m.id(), m.state(), members.heartbeatSeconds());
    }
}
