package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.servlet.ServletConfig;

import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenService;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.LogChunk;
import org.sharercloud.api.workloads.LogPage;
import org.sharercloud.api.workloads.ReservationService;
import org.sharercloud.api.workloads.WorkloadService;
import org.sharercloud.portal.internal.Services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * {@code logs?follow=true} and {@code exec} through real CXF on an embedded Jetty 9.4 (the line Pax Web runs) whose
 * pool has only 16 threads: far more followers and execs than threads stay attached while other requests are still
 * answered (so none holds a thread while it waits), each follower gets its lines as they come and the end of the
 * stream when the workload ends, a reader that leaves gives its permit back, and the per-caller cap answers 429 with
 * {@code Retry-After} in the JSON error shape. The workloads module is a fake whose waits the test completes;
 * {@code LongRequestsIT} does the same against the real coordinator.
 */
public class LongRequestHttpTest {
    private static final int POOL = 16;
    /** Jetty's connection idle timeout here (30 s in Pax Web): a silent follower outlives it. */
    private static final int IDLE_MILLIS = 1_000;
    private Server jetty;
    private String base;
    private int port;
    private Services services;
    private final LinkedBlockingQueue<CompletableFuture<LogPage>> waits = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<CompletableFuture<ExecResult>> execs = new LinkedBlockingQueue<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Before
    public void start() throws Exception {
        services = new Services();
        services.longRequests().configure(1000, 8);
        set("workloads", proxy(WorkloadService.class, (m, a) -> switch (m) {
            case "logs" -> (long) a[2] == 0 && !"quiet".equals(((Principal) a[0]).subject()) ? new LogPage(List.of(chunk(1, "hello\n")), 1, false) : new LogPage(List.of(), (long) a[2], false);
            case "awaitLogs" -> {
                CompletableFuture<LogPage> f = new CompletableFuture<>();
                waits.add(f);
                yield f;
            }
            default -> throw new UnsupportedOperationException(m);
        }));
        set("reservations", proxy(ReservationService.class, (m, a) -> switch (m) {
            case "execAsync" -> {
                CompletableFuture<ExecResult> f = new CompletableFuture<>();
                execs.add(f);
                yield f;
            }
            default -> throw new UnsupportedOperationException(m);
        }));
        set("tokens", proxy(TokenService.class, (m, a) -> switch (m) {
            case "authenticate" -> Optional.of(new Principal((String) a[0], Role.REQUESTOR));
            default -> throw new UnsupportedOperationException(m);
        }));
        CXFNonSpringServlet servlet = new CXFNonSpringServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void loadBus(ServletConfig config) {
                super.loadBus(config);
                JAXRSServerFactoryBean bean = new JAXRSServerFactoryBean();
                bean.setBus(getBus());
                bean.setAddress("/");
                bean.setServiceBeans(List.of(new WorkloadResource(services), new ReservationResource(services)));
                bean.setProviders(List.of(new AuthFilter(services), new JacksonJsonProvider(Json.MAPPER), new ErrorMapper(), new ClientGone()));
                bean.create();
            }
        };
        QueuedThreadPool pool = new QueuedThreadPool(POOL, 4);
        jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setIdleTimeout(IDLE_MILLIS);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/api/v1/*");
        jetty.setHandler(context);
        jetty.start();
        port = connector.getLocalPort();
        base = "http://127.0.0.1:" + port + "/api/v1";
    }

    @After
    public void stop() throws Exception {
        jetty.stop();
    }

    private void set(String field, Object service) throws Exception {
        Field f = Services.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(services, service);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(LongRequestHttpTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> answer.answer(m.getName(), a));
    }

    private static LogChunk chunk(long seq, String text) {
        return new LogChunk(seq, "a1", 0, "stdout", text, Instant.EPOCH);
    }

    /** A follower on a raw socket: the answer's head and first line are read before it returns. */
    private final class Follower implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final StringBuilder got = new StringBuilder();

        Follower(String token) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/workloads/w1/logs?follow=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = socket.getInputStream();
            readUntil("hello\n");
        }

        String readUntil(String part) throws IOException {
            byte[] buf = new byte[4096];
            while (!got.toString().contains(part)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("the stream ended before '" + part + "': " + got);
                }
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return got.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> exec(String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/reservations/r1/exec")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void until(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test(timeout = 120_000)
    public void fourTimesMoreFollowersThanThreadsStayAttachedGetTheirLinesAndOtherRequestsAreAnswered() throws Exception {
        int n = POOL * 4;
        List<Follower> followers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                followers.add(new Follower("user" + (i % 10)));
            }
            until(n + " followers parked", () -> waits.size() == n);
            assertEquals(n, services.longRequests().held());
            HttpResponse<String> plain = get("/workloads/w1/logs", "someone");
            assertEquals("answered while " + n + " followers are attached to a " + POOL + "-thread pool", 200, plain.statusCode());
            assertEquals("hello\n", plain.body());
            for (int i = 0; i < n; i++) {
                waits.take().complete(new LogPage(List.of(chunk(2, "line two\n")), 2, false));
            }
            for (Follower f : followers) {
                String got = f.readUntil("line two\n");
                assertTrue(got, got.indexOf("hello\n") < got.indexOf("line two\n"));
            }
            until("each follower waits again", () -> waits.size() == n);
            for (int i = 0; i < n; i++) {
                waits.take().complete(new LogPage(List.of(chunk(3, "the end\n")), 3, true));
            }
            for (Follower f : followers) {
                String all = f.readUntil("\r\n0\r\n\r\n"); // the chunked answer ends
                assertTrue(all, all.startsWith("HTTP/1.1 200"));
                assertTrue(all, all.toLowerCase().contains("content-type: text/plain;charset=utf-8"));
            }
            until("every permit given back", () -> services.longRequests().held() == 0);
        } finally {
            for (Follower f : followers) {
                f.close();
            }
        }
    }

    @Test(timeout = 120_000)
    public void theAnswerStartsAtOnceWhenThereIsNothingToReadYet() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET /api/v1/workloads/w1/logs?follow=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer quiet"
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            until("parked", () -> waits.size() == 1);
            byte[] head = s.getInputStream().readNBytes(15);
            assertEquals("HTTP/1.1 200 OK", new String(head, StandardCharsets.US_ASCII));
        }
    }

    @Test(timeout = 120_000)
    public void aSilentFollowerOutlivesTheConnectionIdleTimeout() throws Exception {
        try (Follower f = new Follower("patient")) {
            until("parked", () -> waits.size() == 1);
            Thread.sleep(3 * IDLE_MILLIS);
            waits.take().complete(new LogPage(List.of(chunk(2, "late line\n")), 2, true));
            assertTrue(f.readUntil("late line\n").contains("hello\n"));
        }
    }

    @Test(timeout = 120_000)
    public void aFollowerThatLeavesGivesItsPermitBack() throws Exception {
        Follower f = new Follower("leaver");
        until("parked", () -> waits.size() == 1);
        f.close();
        long seq = 2;
        while (services.longRequests().held() > 0) {
            CompletableFuture<LogPage> w = waits.poll(10, TimeUnit.SECONDS);
            if (w == null) {
                break;
            }
            w.complete(new LogPage(List.of(chunk(seq, "x".repeat(8192) + "\n")), seq++, false));
            assertTrue("the write to the closed connection fails within a few pages", seq < 100);
        }
        until("the permit given back", () -> services.longRequests().held() == 0);
    }

    @Test(timeout = 120_000)
    public void aCallerAboveItsCapGets429WithRetryAfterAndTheOthersAreServed() throws Exception {
        List<Follower> mine = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                mine.add(new Follower("carol"));
            }
            HttpResponse<String> ninth = get("/workloads/w1/logs?follow=true", "carol");
            assertEquals(ninth.body(), 429, ninth.statusCode());
            assertTrue(ninth.headers().firstValue("Retry-After").isPresent());
            JsonNode e = Json.MAPPER.readTree(ninth.body());
            assertEquals("follow", e.path("field").asText());
            assertEquals(429, e.path("status").asInt());
            assertTrue(e.path("error").asText(), e.path("error").asText().contains("at most 8"));
            HttpResponse<String> x = exec("carol");
            assertEquals(x.body(), 429, x.statusCode());
            assertEquals("exec", Json.MAPPER.readTree(x.body()).path("field").asText());
            try (Follower other = new Follower("dave")) {
                assertTrue(other.got.toString().startsWith("HTTP/1.1 200"));
            }
        } finally {
            for (Follower f : mine) {
                f.close();
            }
        }
    }

    @Test(timeout = 120_000)
    public void execsWaitWithoutThreadsAndAnswerTheirResultOrError() throws Exception {
        int n = POOL * 2;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/reservations/r1/exec"))
                    .header("Authorization", "Bearer e" + (i % 5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        until(n + " execs waiting", () -> execs.size() == n);
        assertEquals(200, get("/workloads/w1/logs", "someone").statusCode());
        execs.take().completeExceptionally(new ApiException(504, null, "the worker did not answer within 75 s"));
        for (int i = 1; i < n; i++) {
            execs.take().complete(new ExecResult(0, "ok\n", "", false));
        }
        int ok = 0;
        int timedOut = 0;
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get(20, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                assertEquals("ok\n", Json.MAPPER.readTree(r.body()).path("stdout").asText());
                ok++;
            } else {
                assertEquals(r.body(), 504, r.statusCode());
                assertEquals(504, Json.MAPPER.readTree(r.body()).path("status").asInt());
                timedOut++;
            }
        }
        assertEquals(n - 1, ok);
        assertEquals(1, timedOut);
        until("every permit given back", () -> services.longRequests().held() == 0);
    }
}
