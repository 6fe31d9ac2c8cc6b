package org.sharercloud.contributor.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharercloud.contributor.internal.link.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny coordinator on 127.0.0.1 speaking the agent protocol: join tokens, members re-joining with their credential,
 * credentials, heartbeats. It records what it receives and can forget members, answer 503, or go away.
 */
final class FakeCoordinator implements AutoCloseable {
    record Beat(String credential, JsonNode body) {
    }

    final Map<String, Integer> tokens = new ConcurrentHashMap<>(); // token -> HTTP status to answer (201, 401, 403)
    final Map<String, String> memberByMachine = new ConcurrentHashMap<>();
    final Map<String, String> memberByCredential = new ConcurrentHashMap<>();
    final List<JsonNode> joins = new CopyOnWriteArrayList<>();
    final List<Beat> beats = new CopyOnWriteArrayList<>();
    final AtomicInteger unavailableAnswers = new AtomicInteger();
    volatile boolean unavailable;
    volatile int heartbeatSeconds = 1;
    private final int port;
    private HttpServer server;

    FakeCoordinator() throws IOException {
        start(0);
        this.port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void stop() {
        server.stop(0);
        server = null;
    }

    /** Starts again on the same port, keeping its members (a coordinator restart with its store). */
    synchronized void restart() throws IOException {
        start(port);
    }

    void forgetAllMembers() {
        memberByCredential.clear();
    }

    private void start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 16);
        s.createContext("/api/v1/agent/join", this::join);
        s.createContext("/api/v1/agent/heartbeat", this::heartbeat);
        s.start();
        server = s;
    }

    private void join(HttpExchange ex) throws IOException {
        if (unavailable(ex)) {
            return;
        }
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
        joins.add(body);
        String token = body.path("joinToken").asText("");
        int status = tokens.getOrDefault(token, 401);
        if (status != 201) {
            answer(ex, status, "{\"status\":" + status + ",\"error\":\"token refused\",\"field\":\"joinToken\"}");
            return;
        }
        String machine = body.path("host").path("machineId").asText();
        // as the real coordinator: the same member again only with its current credential for the same machine
        String proven = memberByCredential.remove(body.path("credential").asText(""));
        String member = proven != null && proven.equals(memberByMachine.get(machine)) ? proven : "m-" + UUID.randomUUID();
        memberByMachine.put(machine, member);
        String credential = "cred-" + UUID.randomUUID();
        memberByCredential.put(credential, member);
        answer(ex, 201, "{\"memberId\":\"" + member + "\",\"credential\":\"" + credential
                + "\",\"heartbeatSeconds\":" + heartbeatSeconds + "}");
    }

    private void heartbeat(HttpExchange ex) throws IOException {
        if (unavailable(ex)) {
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String credential = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
        String member = memberByCredential.get(credential);
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
        if (member == null) {
            answer(ex, 401, "{\"status\":401,\"error\":\"unknown member\"}");
            return;
        }
        beats.add(new Beat(credential, body));
        answer(ex, 200, "{\"memberId\":\"" + member + "\",\"state\":\"ONLINE\",\"heartbeatSeconds\":" + heartbeatSeconds + "}");
    }

    private boolean unavailable(HttpExchange ex) throws IOException {
        if (!unavailable) {
            return false;
        }
        ex.getRequestBody().readAllBytes();
        unavailableAnswers.incrementAndGet();
        answer(ex, 503, "{\"status\":503,\"error\":\"starting\"}");
        return true;
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
