package org.sharercloud.contributor.internal.link;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.agent.AgentHolding;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.agent.ResyncResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agent's side of the coordinator's agent endpoints, always dialling out: {@code POST
 * /api/v1/agent/join}, {@code POST /api/v1/agent/heartbeat}, the assignments long-poll and the attempt and
 * reservation events (bearer credential; docs/agent-protocol.md), JSON through Jackson.
 * Network failures surface as {@link IOException} (an https coordinator whose certificate is refused as
 * {@link UntrustedCoordinatorException}, before anything is sent); HTTP answers, good or bad, as a {@link Reply}.
 */
public final class CoordinatorClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;

    /** A client checking an https coordinator's certificate against the JDK's trust store. */
    public CoordinatorClient(URI base) {
        this(base, CoordinatorTrust.of(java.util.List.of(), null, ""));
    }

    /** A client checking an https coordinator's certificate as {@code trust} says (pin, trust store). */
    public CoordinatorClient(URI base, CoordinatorTrust trust) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(trust.sslContext())
                .build();
    }

    /** An HTTP answer: the status, the decoded body on success, else the coordinator's error message. */
    public record Reply<T>(int status, T value, String error) {
        public boolean ok() {
            return value != null;
        }
    }

    /** Joins; a 201 carries the member id and credential. */
    public Reply<JoinResult> join(JoinRequest request) throws IOException, InterruptedException {
        return post("/api/v1/agent/join", null, request, 201, JoinResult.class);
    }

    /** Sends one heartbeat as the given member; a 200 carries the coordinator's view of it. */
    public Reply<HeartbeatAck> heartbeat(MemberIdentity me, Heartbeat heartbeat) throws IOException, InterruptedException {
        return post("/api/v1/agent/heartbeat", me.credential(), heartbeat, 200, HeartbeatAck.class);
    }

    /**
     * The long-poll: answers when there is work, else after {@code waitSeconds} with empty lists. The read
     * timeout is {@code waitSeconds + 15} s, as the protocol asks.
     */
    public Reply<Assignments> assignments(MemberIdentity me, int waitSeconds, boolean resync) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/v1/agent/assignments?waitSeconds=" + waitSeconds + (resync ? "&resync=true" : ""),
                me.credential(), Duration.ofSeconds(waitSeconds + 15L)).GET();
        return send(request, 200, Assignments.class);
    }

    /** Reports one event about an attempt; a 200 is accepted, a 409 means "stop it and drop it". */
    public Reply<JsonNode> attemptEvent(MemberIdentity me, String attemptId, AttemptEvent event) throws IOException, InterruptedException {
        return post("/api/v1/agent/attempts/" + attemptId + "/events", me.credential(), event, 200, JsonNode.class);
    }

    /** After a lost contact: tells the coordinator what this agent holds; a 200 says what to drop. */
    public Reply<ResyncResult> resync(MemberIdentity me, AgentHolding holding) throws IOException, InterruptedException {
        return post("/api/v1/agent/resync", me.credential(), holding, 200, ResyncResult.class);
    }

    /** Reports one event about a reserved worker; the coordinator answers 204. */
    public Reply<JsonNode> reservationEvent(MemberIdentity me, String reservationId, ReservationEvent event)
            throws IOException, InterruptedException {
        return post("/api/v1/agent/reservations/" + reservationId + "/events", me.credential(), event, 204, JsonNode.class);
    }

    private <T> Reply<T> post(String path, String bearer, Object body, int expected, Class<T> type)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, bearer, REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        return send(request, expected, type);
    }

    private HttpRequest.Builder request(String path, String bearer, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "sharer-contributor");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private <T> Reply<T> send(HttpRequest.Builder request, int expected, Class<T> type) throws IOException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            UntrustedCoordinatorException refused = UntrustedCoordinatorException.of(e);
            throw refused != null ? refused : e;
        }
        int status = response.statusCode();
        if (status == expected && status == 204) {
            return new Reply<>(status, type.cast(Json.MAPPER.nullNode()), null);
        }
        if (status == expected) {
            try {
                return new Reply<>(status, Json.MAPPER.readValue(response.body(), type), null);
            } catch (IOException e) {
                return new Reply<>(status, null, "unreadable answer: " + e.getMessage());
            }
        }
        if (status == 404 && !apiError(response.body())) {
            // not the API's answer: a coordinator still starting serves 404 until its resources are published
            return new Reply<>(503, null, "the coordinator is not ready (404 without the API's error body)");
        }
        return new Reply<>(status, null, errorMessage(response.body()));
    }

    /** Whether the body is the API's error shape ({@code {"status":…, "error":…}}), i.e. the answer of a resource. */
    static boolean apiError(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.hasNonNull("error") && node.path("status").isInt();
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code error} (and {@code field}) of the coordinator's error JSON, or a short excerpt of the body. */
    static String errorMessage(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                String field = node.hasNonNull("field") ? " (field " + node.get("field").asText() + ")" : "";
                return node.get("error").asText() + field;
            }
        } catch (IOException e) {
            // not JSON: fall through to the excerpt
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "no details" : text.substring(0, Math.min(200, text.length()));
    }
}
