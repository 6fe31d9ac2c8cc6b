package org.sharercloud.contributor.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agent's side of the coordinator's agent endpoints, always dialling out: {@code POST
 * /api/v1/agent/join} and {@code POST /api/v1/agent/heartbeat} (bearer credential), JSON through Jackson.
 * Network failures surface as {@link IOException}; HTTP answers, good or bad, as a {@link Reply}.
 */
public final class CoordinatorClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;

    public CoordinatorClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An HTTP answer: the status, the decoded body on success, else the coordinator's error message. */
    public record Reply<T>(int status, T value, String error) {
        boolean ok() {
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

    private <T> Reply<T> post(String path, String bearer, Object body, int expected, Class<T> type)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "sharer-contributor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == expected) {
            try {
                return new Reply<>(status, Json.MAPPER.readValue(response.body(), type), null);
            } catch (IOException e) {
                return new Reply<>(status, null, "unreadable answer: " + e.getMessage());
            }
        }
        return new Reply<>(status, null, errorMessage(response.body()));
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
