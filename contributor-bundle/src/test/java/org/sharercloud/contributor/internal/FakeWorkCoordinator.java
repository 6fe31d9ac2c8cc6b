package org.sharercloud.contributor.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.sharercloud.api.agent.Assignments;
import org.sharercloud.contributor.internal.link.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The workload half of the agent protocol on 127.0.0.1: a long-poll that hands out queued assignments (or
 * nothing after the asked wait), and event endpoints that record what they get and answer as told.
 */
final class FakeWorkCoordinator implements AutoCloseable {
    /** One event as received: attempt or reservation id, the bearer credential, the JSON body. */
    record Posted(String id, String credential, JsonNode body) {
        String type() {
            return body.path("type").asText();
        }
    }

    final BlockingQueue<Assignments> toHandOut = new LinkedBlockingQueue<>();
    final List<Boolean> polls = new CopyOnWriteArrayList<>(); // the resync flag of each poll
    final List<Posted> attemptEvents = new CopyOnWriteArrayList<>();
    final List<Posted> reservationEvents = new CopyOnWriteArrayList<>();
    final Map<String, Integer> attemptAnswers = new ConcurrentHashMap<>(); // attempt id -> status to answer
    final Map<String, Integer> reservationAnswers = new ConcurrentHashMap<>();
    final AtomicInteger unavailableEvents = new AtomicInteger(); // answer 503 to this many next events
    final AtomicInteger unavailablePolls = new AtomicInteger();
    /** Answer this many next events with a 404 that is not the API's (a coordinator still starting). */
    final AtomicInteger notReadyEvents = new AtomicInteger();
    final List<List<String>> resyncs = new CopyOnWriteArrayList<>(); // the attempts held, per resync
    volatile List<String> resyncDrop = List.of(); // what the next resyncs tell the agent to drop
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeWorkCoordinator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/api/v1/agent/assignments", this::poll);
        server.createContext("/api/v1/agent/resync", this::resync);
        server.createContext("/api/v1/agent/attempts/", ex -> event(ex, attemptEvents, attemptAnswers, 200));
        server.createContext("/api/v1/agent/reservations/", ex -> event(ex, reservationEvents, reservationAnswers, 204));
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Posted> eventsOf(String attemptId) {
        return attemptEvents.stream().filter(p -> p.id().equals(attemptId)).collect(Collectors.toList());
    }

    List<Posted> reservationEventsOf(String reservationId) {
        return reservationEvents.stream().filter(p -> p.id().equals(reservationId)).collect(Collectors.toList());
    }

    private void poll(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        polls.add(query != null && query.contains("resync=true"));
        if (unavailablePolls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 503, "{\"status\":503,\"error\":\"workloads module stopped\"}");
            return;
        }
        int wait = 0;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            if (kv.startsWith("waitSeconds=")) {
                wait = Integer.parseInt(kv.substring("waitSeconds=".length()));
            }
        }
        Assignments a;
        try {
            a = toHandOut.poll(wait, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = null;
        }
        answer(ex, 200, Json.MAPPER.writeValueAsString(a == null ? Assignments.NONE : a));
    }

    private void resync(HttpExchange ex) throws IOException {
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
        List<String> held = new java.util.ArrayList<>();
        body.path("attempts").forEach(n -> held.add(n.asText()));
        resyncs.add(held);
        answer(ex, 200, "{\"lost\":0,\"redelivered\":0,\"drop\":" + Json.MAPPER.writeValueAsString(resyncDrop) + "}");
    }

    private void event(HttpExchange ex, List<Posted> into, Map<String, Integer> answers, int ok) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        String id = parts[parts.length - 2];
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        JsonNode body = Json.MAPPER.readTree(ex.getRequestBody());
        if (notReadyEvents.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            byte[] html = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, html.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(html);
            }
            return;
        }
        if (unavailableEvents.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(ex, 503, "{\"status\":503,\"error\":\"busy\"}");
            return;
        }
        into.add(new Posted(id, auth == null ? "" : auth.substring("Bearer ".length()), body));
        int status = answers.getOrDefault(id, ok);
        if (status == 204) {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        } else if (status == 200) {
            answer(ex, 200, "{\"attemptId\":\"" + id + "\",\"attemptState\":\"RUNNING\"}");
        } else {
            answer(ex, status, "{\"status\":" + status + ",\"error\":\"refused by the test\"}");
        }
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
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
