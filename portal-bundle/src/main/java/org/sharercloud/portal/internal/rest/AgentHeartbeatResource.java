package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.portal.internal.Services;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/agent/heartbeat} with the member credential → the member's state and the expected interval.
 * The hottest path of the API (every member every few seconds), so it reads and writes its small JSON
 * itself with the API's one mapping ({@link Json}) instead of going through the provider lookup, and
 * answers with a Content-Length (one write, no chunked encoding) and a Date header formatted once a
 * second. Malformed JSON fails exactly as elsewhere (the {@link ErrorMapper} turns Jackson's exceptions
 * into a 400 naming the field); an empty body is a 400 on {@code metrics}, as before.
 * <p>
 * In the coordinator, {@link HeartbeatServlet} answers the exact path {@code /api/v1/agent/heartbeat}
 * before CXF sees it, with the same logic ({@link #ack}); this resource still serves the path's other
 * spellings (a trailing slash) and any runtime without Pax Web's {@code WebContainer}.
 */
@Path("agent/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
public class AgentHeartbeatResource {
    /** The answer to a heartbeat. */
    public record HeartbeatAck(String memberId, MemberState state, int heartbeatSeconds) {
    }

    private static final ObjectReader READER = Json.MAPPER.readerFor(Heartbeat.class);
    private static final ObjectWriter WRITER = Json.MAPPER.writerFor(HeartbeatAck.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The Date header of the current second: {epochSecond, text}. */
    private static volatile Object[] date = {Long.MIN_VALUE, ""};

    private final Services services;

    public AgentHeartbeatResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "agentHeartbeat", summary = "A member reports its metrics and sharing policy (member credential)",
            description = "Answered by HeartbeatServlet (a plain servlet on the exact path, outside the JAX-RS chain) with the same rules "
                    + "and body as this resource, which still serves the path's other spellings.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Heartbeat.class))),
            responses = @ApiResponse(responseCode = "200", description = "the member's state and the expected heartbeat interval",
                    content = @Content(schema = @Schema(implementation = HeartbeatAck.class))))
    @POST
    public Response beat(byte[] body, @Context SecurityContext sc) throws IOException {
        byte[] json = ack(services, Caller.of(sc), body);
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CONTENT_LENGTH, json.length).header(HttpHeaders.DATE, httpDate())
                .build();
    }

    /**
     * The heartbeat logic, shared with {@link HeartbeatServlet}: the caller must be a member, the body a
     * {@link Heartbeat} (empty: a 400 on {@code metrics} from the members module). Returns the JSON ack.
     *
     * @throws IOException for malformed JSON (Jackson's exceptions, which {@link ErrorMapper} maps to a 400)
     */
    static byte[] ack(Services services, Principal caller, byte[] body) throws IOException {
        String memberId = Caller.member(caller).subject();
        Heartbeat heartbeat = body == null || body.length == 0 ? null : READER.readValue(body);
        MemberService members = services.members();
        Member m = members.heartbeat(memberId, heartbeat);
        return WRITER.writeValueAsBytes(new HeartbeatAck(m.id(), m.state(), members.heartbeatSeconds()));
    }

    static String httpDate() {
        long now = System.currentTimeMillis() / 1000;
        Object[] d = date;
        if ((Long) d[0] != now) {
            d = new Object[] {now, HTTP_DATE.format(Instant.ofEpochSecond(now))};
            date = d;
        }
        return (String) d[1];
    }
}
