package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The access matrix (issue 11), on the real coordinator distribution: every operation of the served OpenAPI document
 * ({@code GET /api/v1/openapi.json}) × nine principals → the exact status, from the explicit table {@link #ROWS}. An
 * operation in the document without a row fails the test, and so does a row for an operation no longer in it, so a new
 * endpoint cannot escape the matrix. Path parameters are real ids owned by {@code requestor} and {@code member}, so
 * {@code other requestor} and {@code other member} prove cross-tenant refusal. Cells that succeed and change something
 * act on fresh objects (a fresh workload, token, member, reservation), so no cell breaks a later one. The two members
 * are played by this test over HTTP (join, heartbeat, events), which lets it drive the agent operations exactly. The
 * endpoints outside the document that need protection ({@code /metrics}' per-member series) are checked too.
 */
public class AccessMatrixIT {
    private static final Path WORK = Path.of("target", "access-matrix").toAbsolutePath();
    private static final int HTTP = 18491;
    private static final int SSH = 18411;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger SEQ = new AtomicInteger();
    /** The storage quota of every requestor here: far above what the matrix's requestors store, reached by the quota test's. */
    private static final long STORAGE_QUOTA = 4096;

    /** The principals, in the order of a row's statuses. */
    enum Who { NONE, BAD, EXPIRED, REVOKED, REQUESTOR, OTHER_REQUESTOR, MEMBER, OTHER_MEMBER, ADMIN }

    private static Distribution coordinator;
    private static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    private static String admin;
    private static String joinToken;
    private static String memberA;
    private static String memberB;
    /** A's job whose attempt sits on member A (SCHEDULED, then RUNNING once A reports on it). */
    private static String workloadA;
    private static String attemptA;
    private static long fencingA;
    /** A's finished job, with a log and an outputs archive. */
    private static String workloadOut;
    /** A's service (one replica). */
    private static String serviceA;
    /** A's reserved worker on member A, READY. */
    private static String reservationA;

    /** One request of a cell. */
    record Req(String method, String path, String body, boolean stream) {
    }

    /** One operation of the document: how to ask it as each principal, and the status each must get. */
    record Row(String operation, Function<Who, Req> request, int[] expected) {
    }

    @BeforeClass
    public static void start() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, SSH)
                // the fake members heartbeat once; they must stay ONLINE for the whole run
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "300")
                .config("org.sharercloud.members.cfg", "offline.after.seconds", "3600")
                .config("org.sharercloud.workloads.cfg", "max.reservations.per.owner", "1000")
                .config("org.sharercloud.workloads.cfg", "storage.max.bytes.per.owner", Long.toString(STORAGE_QUOTA))
                // the matrix sends hundreds of bad tokens and joins from 127.0.0.1: lift the per-address budgets
                // (AccessIT attacks those), so every cell reaches the check it is meant to test
                .config("org.sharercloud.portal.cfg", "auth.failures.burst", "100000000")
                .config("org.sharercloud.portal.cfg", "auth.failures.per.minute", "100000000")
                .config("org.sharercloud.portal.cfg", "joins.burst", "100000000")
                .config("org.sharercloud.portal.cfg", "joins.per.minute", "100000000");
        admin = coordinator.startCoordinator(API);
        TOKENS.put(Who.ADMIN, admin);
        TOKENS.put(Who.BAD, "sc_req_this-is-not-a-token");
        TOKENS.put(Who.REQUESTOR, token("matrix-a", null));
        TOKENS.put(Who.OTHER_REQUESTOR, token("matrix-b", null));
        String expiring = token("matrix-expired", Instant.now().plusSeconds(4).toString());
        assertEquals(200, API.get("/api/v1/me", expiring).status());
        TOKENS.put(Who.EXPIRED, expiring);
        String revoked = token("matrix-revoked", null);
        String revokedId = null;
        for (JsonNode t : json(API.get("/api/v1/tokens", admin).body())) {
            if ("matrix-revoked".equals(t.path("name").asText())) {
                revokedId = t.path("id").asText();
            }
        }
        assertEquals(200, API.delete("/api/v1/tokens/" + revokedId, admin).status());
        TOKENS.put(Who.REVOKED, revoked);

        joinToken = json(ok(API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT2H\",\"uses\":1000}"), 201).body()).path("token").asText();
        JsonNode a = json(ok(API.post("/api/v1/agent/join", null, joinBody("matrix-member-a", true)), 201).body());
        memberA = a.path("memberId").asText();
        TOKENS.put(Who.MEMBER, a.path("credential").asText());
        ok(API.post("/api/v1/agent/heartbeat", TOKENS.get(Who.MEMBER), beat()), 200);

        workloadA = submit(TOKENS.get(Who.REQUESTOR), "matrix-job");
        JsonNode att = attemptOn(workloadA, memberA);
        attemptA = att.path("id").asText();
        fencingA = att.path("fencingToken").asLong();
        workloadOut = submit(TOKENS.get(Who.REQUESTOR), "matrix-out");
        JsonNode out = attemptOn(workloadOut, memberA);
        String member = TOKENS.get(Who.MEMBER);
        ok(API.post("/api/v1/agent/attempts/" + out.path("id").asText() + "/events", member,
                "{\"fencingToken\":" + out.path("fencingToken").asLong() + ",\"type\":\"LOG\",\"stream\":\"stdout\",\"text\":\"hello\\n\"}"), 200);
        byte[] archive = "not really a tar, the coordinator keeps bytes".getBytes(StandardCharsets.UTF_8);
        ok(API.post("/api/v1/agent/attempts/" + out.path("id").asText() + "/events", member,
                "{\"fencingToken\":" + out.path("fencingToken").asLong() + ",\"type\":\"RESULT\",\"outcome\":\"SUCCEEDED\",\"exitCode\":0,"
                        + "\"outputs\":\"" + Base64.getEncoder().encodeToString(archive) + "\",\"outputsSha256\":\"" + sha256(archive) + "\"}"), 200);
        serviceA = json(ok(API.post("/api/v1/workloads", TOKENS.get(Who.REQUESTOR), "{\"name\":\"matrix-service\",\"kind\":\"service\","
                + "\"image\":\"sharer/busybox:test\",\"command\":[\"sleep\",\"600\"],\"cpuMillis\":10,\"memoryMb\":16}"), 201).body()).path("id").asText();
        reservationA = reserve(TOKENS.get(Who.REQUESTOR));
        ok(API.post("/api/v1/agent/reservations/" + reservationA + "/events", member, "{\"type\":\"READY\"}"), 204);

        JsonNode b = json(ok(API.post("/api/v1/agent/join", null, joinBody("matrix-member-b", true)), 201).body());
        memberB = b.path("memberId").asText();
        TOKENS.put(Who.OTHER_MEMBER, b.path("credential").asText());
        ok(API.post("/api/v1/agent/heartbeat", TOKENS.get(Who.OTHER_MEMBER), beat()), 200);
        Wait.until(15_000, "the expiring token to expire", () -> API.get("/api/v1/me", expiring).status() == 401);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    // ---- the table ---------------------------------------------------------------------------------------------

    /** Statuses for NONE, BAD, EXPIRED, REVOKED (all 401 on a protected operation), then the five real principals. */
    private static int[] protectedBy(int requestor, int otherRequestor, int member, int otherMember, int admin) {
        return new int[] {401, 401, 401, 401, requestor, otherRequestor, member, otherMember, admin};
    }

    private static int[] everyone(int status) {
        int[] s = new int[Who.values().length];
        java.util.Arrays.fill(s, status);
        return s;
    }

    private static Req get(String path) {
        return new Req("GET", path, null, false);
    }

    private static Req post(String path, String body) {
        return new Req("POST", path, body, false);
    }

    private static boolean succeeds(Who who, Who... winners) {
        return List.of(winners).contains(who);
    }

    private static final List<Row> ROWS = List.of(
            // public
            new Row("GET /health", w -> get("/health"), everyone(200)),
            new Row("GET /openapi.json", w -> get("/openapi.json"), everyone(200)),
            // every token
            new Row("GET /me", w -> get("/me"), protectedBy(200, 200, 200, 200, 200)),
            new Row("GET /events", w -> new Req("GET", "/events", null, true), protectedBy(200, 200, 200, 200, 200)),
            // tokens and join tokens: admins only
            new Row("GET /tokens", w -> get("/tokens"), protectedBy(403, 403, 403, 403, 200)),
            new Row("POST /tokens", w -> post("/tokens", "{\"name\":\"matrix-new-" + SEQ.incrementAndGet() + "\"}"), protectedBy(403, 403, 403, 403, 201)),
            new Row("DELETE /tokens/{id}", w -> new Req("DELETE", "/tokens/" + freshTokenId(), null, false), protectedBy(403, 403, 403, 403, 200)),
            new Row("POST /tokens/{id}/rotate", w -> post("/tokens/" + freshTokenId() + "/rotate", null), protectedBy(403, 403, 403, 403, 200)),
            new Row("GET /join-tokens", w -> get("/join-tokens"), protectedBy(403, 403, 403, 403, 200)),
            new Row("POST /join-tokens", w -> post("/join-tokens", "{\"ttl\":\"PT1M\",\"uses\":1}"), protectedBy(403, 403, 403, 403, 201)),
            // members: an admin, or the member itself; a requestor sees available workers
            new Row("GET /members", w -> get("/members"), protectedBy(200, 200, 403, 403, 200)),
            new Row("GET /members/summary", w -> get("/members/summary"), protectedBy(403, 403, 403, 403, 200)),
            new Row("GET /members/{id}", w -> get("/members/" + memberA), protectedBy(200, 200, 200, 403, 200)),
            new Row("GET /members/{id}/attempts", w -> get("/members/" + memberA + "/attempts"), protectedBy(403, 403, 200, 403, 200)),
            new Row("GET /members/{id}/metrics", w -> get("/members/" + memberA + "/metrics"), protectedBy(403, 403, 200, 403, 200)),
            new Row("GET /members/{id}/availability", w -> get("/members/" + memberA + "/availability"), protectedBy(403, 403, 200, 403, 200)),
            new Row("GET /members/{id}/history", w -> get("/members/" + memberA + "/history"), protectedBy(403, 403, 200, 403, 200)),
            new Row("POST /members/{id}/cordon", w -> post("/members/" + (succeeds(w, Who.ADMIN) ? freshMember() : memberA) + "/cordon", null),
                    protectedBy(403, 403, 403, 403, 200)),
            new Row("POST /members/{id}/uncordon", w -> post("/members/" + (succeeds(w, Who.ADMIN) ? freshMember() : memberA) + "/uncordon", null),
                    protectedBy(403, 403, 403, 403, 200)),
            new Row("DELETE /members/{id}", w -> new Req("DELETE", "/members/" + (succeeds(w, Who.ADMIN) ? freshMember() : memberA), null, false),
                    protectedBy(403, 403, 403, 403, 204)),
            // workloads: the owner or an admin; another requestor is told it does not exist
            new Row("POST /workloads", w -> post("/workloads", workloadBody("matrix-submit")), protectedBy(201, 201, 403, 403, 201)),
            new Row("GET /workloads", w -> get("/workloads"), protectedBy(200, 200, 403, 403, 200)),
            new Row("GET /workloads/{id}", w -> get("/workloads/" + workloadA), protectedBy(200, 404, 403, 403, 200)),
            new Row("POST /workloads/{id}/scale", w -> post("/workloads/" + serviceA + "/scale", "{\"replicas\":1}"), protectedBy(200, 404, 403, 403, 200)),
            new Row("GET /workloads/{id}/logs", w -> get("/workloads/" + workloadOut + "/logs"), protectedBy(200, 404, 403, 403, 200)),
            new Row("GET /workloads/{id}/outputs", w -> get("/workloads/" + workloadOut + "/outputs"), protectedBy(200, 404, 403, 403, 200)),
            new Row("DELETE /workloads/{id}", w -> new Req("DELETE", "/workloads/"
                    + (succeeds(w, Who.REQUESTOR, Who.ADMIN) ? submit(TOKENS.get(Who.REQUESTOR), "matrix-cancel") : workloadA), null, false),
                    protectedBy(200, 404, 403, 403, 200)),
            // reserved workers: the owner or an admin
            new Row("POST /reservations", w -> post("/reservations", reservationBody()), protectedBy(201, 201, 403, 403, 201)),
            new Row("GET /reservations", w -> get("/reservations"), protectedBy(200, 200, 403, 403, 200)),
            new Row("GET /reservations/{id}", w -> get("/reservations/" + reservationA), protectedBy(200, 404, 403, 403, 200)),
            new Row("POST /reservations/{id}/exec", w -> post("/reservations/" + reservationA + "/exec", "{\"command\":[\"echo\",\"hi\"],\"timeoutSeconds\":5}"),
                    protectedBy(200, 404, 403, 403, 200)),
            new Row("DELETE /reservations/{id}", w -> new Req("DELETE", "/reservations/"
                    + (succeeds(w, Who.REQUESTOR, Who.ADMIN) ? reserve(TOKENS.get(Who.REQUESTOR)) : reservationA), null, false),
                    protectedBy(200, 404, 403, 403, 200)),
            // the rest of the people's API
            new Row("GET /scheduler/strategies", w -> get("/scheduler/strategies"), protectedBy(403, 403, 403, 403, 200)),
            new Row("PUT /scheduler/strategy", w -> new Req("PUT", "/scheduler/strategy", "{\"name\":\"" + activeStrategy() + "\"}", false),
                    protectedBy(403, 403, 403, 403, 200)),
            new Row("GET /cluster", w -> get("/cluster"), protectedBy(403, 403, 403, 403, 200)),
            new Row("GET /cluster/series", w -> get("/cluster/series"), protectedBy(403, 403, 403, 403, 200)),
            new Row("GET /credits", w -> get("/credits"), protectedBy(403, 403, 200, 200, 200)),
            new Row("GET /usage", w -> get("/usage"), protectedBy(200, 200, 403, 403, 200)),
            new Row("POST /forecasts", w -> post("/forecasts", "{\"values\":[1,2,3,4,5,6,7,8,9,10],\"horizon\":2,\"forecaster\":\"naive\"}"),
                    protectedBy(200, 200, 403, 403, 200)),
            // the agents' protocol: member credentials only, each on its own member's attempts and reservations
            new Row("POST /agent/join", w -> post("/agent/join", joinBody("matrix-joiner-" + SEQ.incrementAndGet(), false)), everyone(201)),
            new Row("POST /agent/heartbeat", w -> post("/agent/heartbeat", beat()), protectedBy(403, 403, 200, 200, 403)),
            new Row("GET /agent/assignments", w -> get("/agent/assignments?waitSeconds=0"), protectedBy(403, 403, 200, 200, 403)),
            new Row("POST /agent/resync", w -> post("/agent/resync", "{\"attempts\":[\"" + attemptA + "\"]}"), protectedBy(403, 403, 200, 200, 403)),
            new Row("POST /agent/attempts/{id}/events", w -> post("/agent/attempts/" + attemptA + "/events",
                    "{\"fencingToken\":" + fencingA + ",\"type\":\"USAGE\",\"cpuSeconds\":0.0,\"peakMemoryMb\":1}"), protectedBy(403, 403, 200, 404, 403)),
            new Row("POST /agent/reservations/{id}/events", w -> post("/agent/reservations/"
                    + (succeeds(w, Who.MEMBER) ? reserve(TOKENS.get(Who.REQUESTOR)) : reservationA) + "/events", "{\"type\":\"READY\"}"),
                    protectedBy(403, 403, 204, 404, 403)));

    /**
     * Cells where a query parameter names someone else's things (the operation before the {@code ?} is a row above):
     * another requestor's usage or workloads, another member's credits.
     */
    private static final List<Row> VARIANTS = List.of(
            new Row("GET /usage?owner", w -> get("/usage?owner=matrix-a"), protectedBy(200, 403, 403, 403, 200)),
            new Row("GET /workloads?owner", w -> get("/workloads?owner=matrix-a"), protectedBy(200, 400, 403, 403, 200)),
            new Row("GET /credits?member", w -> get("/credits?member=" + memberA), protectedBy(403, 403, 200, 403, 200)));

    // ---- the tests ---------------------------------------------------------------------------------------------

    @Test
    public void everyOperationOfTheDocumentHasARowAndEveryRowIsInTheDocument() {
        TreeSet<String> documented = documentedOperations();
        TreeSet<String> rows = new TreeSet<>();
        ROWS.forEach(r -> assertTrue("two rows for " + r.operation(), rows.add(r.operation())));
        TreeSet<String> missing = new TreeSet<>(documented);
        missing.removeAll(rows);
        TreeSet<String> stale = new TreeSet<>(rows);
        stale.removeAll(documented);
        assertTrue("operations in the OpenAPI document without a row in the access matrix: " + missing, missing.isEmpty());
        assertTrue("rows of the access matrix for operations no longer in the OpenAPI document: " + stale, stale.isEmpty());
    }

    @Test
    public void everyCellAnswersExactlyItsStatus() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        List<Row> all = new ArrayList<>(ROWS);
        all.addAll(VARIANTS);
        for (Row row : all) {
            for (Who who : Who.values()) {
                int expected = row.expected()[who.ordinal()];
                Req req = row.request().apply(who);
                Http.Reply r = succeeds(who, Who.REQUESTOR, Who.ADMIN) && row.operation().equals("POST /reservations/{id}/exec")
                        ? withAgentAnsweringExec(() -> send(req, TOKENS.get(who)))
                        : send(req, TOKENS.get(who));
                cells++;
                if (r.status() != expected) {
                    wrong.add(row.operation() + " as " + who + ": expected " + expected + ", got " + r.status() + " " + abbreviate(r.body()));
                } else if (expected >= 400 && !r.body().isEmpty()) {
                    JsonNode e = json(r.body());
                    if (e.path("status").asInt() != expected || !e.path("error").isTextual()) {
                        wrong.add(row.operation() + " as " + who + ": " + expected + " without the JSON error shape: " + abbreviate(r.body()));
                    }
                }
            }
        }
        System.out.println("ACCESS-MATRIX operations=" + ROWS.size() + " variants=" + VARIANTS.size() + " principals=" + Who.values().length
                + " cells=" + cells + " wrong=" + wrong.size());
        assertTrue(wrong.size() + " of " + cells + " cells answered otherwise:\n" + String.join("\n", wrong), wrong.isEmpty());
        // nothing the cells did broke the coordinator or the principals that follow
        assertEquals(200, API.get("/api/v1/health", null).status());
        assertEquals(200, API.get("/api/v1/me", TOKENS.get(Who.REQUESTOR)).status());
        assertEquals(200, API.post("/api/v1/agent/heartbeat", TOKENS.get(Who.MEMBER), beat()).status());
        assertEquals(200, API.get("/api/v1/workloads/" + workloadA, TOKENS.get(Who.REQUESTOR)).status());
    }

    @Test
    public void metricsShowThePerMemberSeriesOnlyToAnAdmin() {
        Wait.until(30_000, "member A's series on /metrics for an admin",
                () -> API.get("/metrics", admin).body().contains("sharer_member_owner_load{member=\"" + memberA + "\"}"),
                () -> API.get("/metrics", admin).body());
        int[] expected = {200, 401, 401, 401, 200, 200, 200, 200, 200};
        for (Who who : Who.values()) {
            Http.Reply r = API.get("/metrics", TOKENS.get(who));
            assertEquals("/metrics as " + who + ": " + abbreviate(r.body()), expected[who.ordinal()], r.status());
            if (r.status() == 200) {
                assertEquals("/metrics as " + who + " shows the per-member series", who == Who.ADMIN, r.body().contains("sharer_member_"));
                assertEquals("/metrics as " + who + " names member A", who == Who.ADMIN, r.body().contains(memberA));
            }
        }
    }

    @Test
    public void theDocumentationAndThePortalAreServedToAnyone() {
        for (Who who : Who.values()) {
            assertEquals("Swagger UI as " + who, 200, send(get("/docs/"), TOKENS.get(who)).status());
            assertEquals("the portal as " + who, 200, API.get("/", TOKENS.get(who)).status());
        }
    }

    /**
     * The live event stream is a read of its own: a requestor's workload changes reach its owner and admins, never
     * another requestor on the same stream endpoint.
     */
    @Test
    public void theEventStreamShowsAWorkloadToItsOwnerAndAdminsOnly() throws Exception {
        Map<Who, StringBuffer> seen = new java.util.EnumMap<>(Who.class);
        List<InputStream> open = new ArrayList<>();
        try {
            for (Who who : List.of(Who.REQUESTOR, Who.OTHER_REQUESTOR, Who.ADMIN)) {
                HttpResponse<InputStream> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1/events"))
                        .header("Authorization", "Bearer " + TOKENS.get(who)).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, r.statusCode());
                StringBuffer buf = new StringBuffer();
                seen.put(who, buf);
                open.add(r.body());
                Thread reader = new Thread(() -> {
                    byte[] chunk = new byte[8192];
                    try (InputStream in = r.body()) {
                        for (int n; (n = in.read(chunk)) > 0;) {
                            buf.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                }, "events-" + who);
                reader.setDaemon(true);
                reader.start();
            }
            String w = submit(TOKENS.get(Who.REQUESTOR), "matrix-events");
            ok(API.delete("/api/v1/workloads/" + w, TOKENS.get(Who.REQUESTOR)), 200);
            Wait.until(30_000, "the owner's stream to show " + w, () -> seen.get(Who.REQUESTOR).indexOf(w) >= 0, () -> seen.get(Who.REQUESTOR).toString());
            Wait.until(30_000, "the admin's stream to show " + w, () -> seen.get(Who.ADMIN).indexOf(w) >= 0);
            Thread.sleep(1500); // one more batch interval for a leak to show
            assertFalse("another requestor's stream shows " + w + ": " + seen.get(Who.OTHER_REQUESTOR),
                    seen.get(Who.OTHER_REQUESTOR).indexOf(w) >= 0);
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    /** Issue 11: Jetty's own refusals (before any servlet) are the API's JSON error shape, on the API, the servlet and the page. */
    @Test
    public void jettysOwnRefusalsAreTheJsonErrorShape() throws Exception {
        for (String path : List.of("/api/v1/health", "/api/v1/agent/heartbeat", "/metrics", "/")) {
            Http.Reply uri = raw(path + "?pad=" + "a".repeat(20_000), null);
            assertEquals(path + ": " + abbreviate(uri.body()), 414, uri.status());
            assertTrue(uri.contentType(), uri.contentType().startsWith("application/json"));
            JsonNode e = json(uri.body());
            assertEquals(414, e.path("status").asInt());
            assertEquals("uri", e.path("field").asText());
            assertTrue(e.toString(), e.path("error").asText().contains("at most 8192 bytes"));
            Http.Reply headers = raw(path, "h".repeat(20_000));
            assertEquals(path + ": " + abbreviate(headers.body()), 431, headers.status());
            assertTrue(headers.contentType(), headers.contentType().startsWith("application/json"));
            assertEquals("headers", json(headers.body()).path("field").asText());
        }
        assertEquals("the coordinator still answers", 200, API.get("/api/v1/health", null).status());
    }

    /**
     * Issue 11, quotas: a requestor whose logs and outputs reach {@code storage.max.bytes.per.owner} gets a 429 on submit
     * with {@code Retry-After}, naming the quota, what it uses and the limit, and nothing is stored; what it ran before
     * is kept whole (log and outputs); it sees its usage at {@code GET /usage}, an admin and the console see it too, and
     * other requestors and admins still submit.
     */
    @Test
    public void aRequestorOverItsStorageQuotaGets429WithRetryAfterAndKeepsWhatItStored() throws Exception {
        String quota = token("matrix-quota", null);
        String w = submit(quota, "matrix-quota-job");
        JsonNode att = attemptOn(w, null);
        String credential = att.path("memberId").asText().equals(memberA) ? TOKENS.get(Who.MEMBER) : TOKENS.get(Who.OTHER_MEMBER);
        String events = "/api/v1/agent/attempts/" + att.path("id").asText() + "/events";
        String line = "y".repeat(2999) + "\n";
        ok(API.post(events, credential, "{\"fencingToken\":" + att.path("fencingToken").asLong() + ",\"type\":\"LOG\",\"stream\":\"stdout\",\"text\":\""
                + line.replace("\n", "\\n") + "\"}"), 200);
        byte[] archive = "z".repeat(2000).getBytes(StandardCharsets.UTF_8);
        ok(API.post(events, credential, "{\"fencingToken\":" + att.path("fencingToken").asLong() + ",\"type\":\"RESULT\",\"outcome\":\"SUCCEEDED\","
                + "\"exitCode\":0,\"outputs\":\"" + Base64.getEncoder().encodeToString(archive) + "\",\"outputsSha256\":\"" + sha256(archive) + "\"}"), 200);

        JsonNode usage = json(ok(API.get("/api/v1/usage", quota), 200).body());
        assertEquals(usage.toString(), 5000, usage.path("storedBytes").asLong());
        assertEquals(3000, usage.path("logBytes").asLong());
        assertEquals(2000, usage.path("outputBytes").asLong());
        assertEquals(STORAGE_QUOTA, usage.path("storageLimitBytes").asLong());
        assertEquals(usage, json(ok(API.get("/api/v1/usage?owner=matrix-quota", admin), 200).body()));

        HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1/workloads"))
                .header("Authorization", "Bearer " + quota).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(workloadBody("matrix-quota-refused"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(refused.body(), 429, refused.statusCode());
        JsonNode e = json(refused.body());
        assertEquals("storage", e.path("field").asText());
        assertTrue(e.toString(), e.path("error").asText().contains("5000 bytes") && e.path("error").asText().contains("4096 bytes")
                && e.path("error").asText().contains("storage.max.bytes.per.owner"));
        long retry = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0"));
        assertTrue("Retry-After until retention (30 days) frees the job's data: " + retry, retry > 29L * 86_400 && retry <= 30L * 86_400);
        assertEquals("nothing stored", 1, json(API.get("/api/v1/workloads", quota).body()).size());

        String log = ok(API.get("/api/v1/workloads/" + w + "/logs", quota), 200).body();
        assertTrue("the whole log is kept", log.contains("y".repeat(2999)));
        assertEquals(sha256(archive), sha256(rawBytes("/api/v1/workloads/" + w + "/outputs", quota)));
        assertEquals("admins are not limited", 201, API.post("/api/v1/workloads", admin, workloadBody("matrix-admin")).status());
        assertEquals("nor are other requestors", 201, API.post("/api/v1/workloads", TOKENS.get(Who.OTHER_REQUESTOR), workloadBody("matrix-b")).status());
        List<String> out = Console.batch(coordinator, SSH, Console.password(coordinator), 60, List.of("sharer:usage --json matrix-quota"));
        assertEquals(out.get(0), 5000, Console.jsonLine(out.get(0)).path("storedBytes").asLong());
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private static TreeSet<String> documentedOperations() {
        JsonNode doc = json(ok(API.get("/api/v1/openapi.json", null), 200).body());
        TreeSet<String> ops = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext();) {
                String m = methods.next();
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(m)) {
                    ops.add(m.toUpperCase() + " " + p.getKey());
                }
            }
        }
        assertFalse("the document lists operations", ops.isEmpty());
        return ops;
    }

    private static String token(String name, String expiresAt) {
        String body = "{\"name\":\"" + name + "\",\"role\":\"REQUESTOR\"" + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
        return json(ok(API.post("/api/v1/tokens", admin, body), 201).body()).path("token").asText();
    }

    private static String freshTokenId() {
        return json(ok(API.post("/api/v1/tokens", admin, "{\"name\":\"matrix-victim-" + SEQ.incrementAndGet() + "\"}"), 201).body()).path("id").asText();
    }

    private static String freshMember() {
        return json(ok(API.post("/api/v1/agent/join", null, joinBody("matrix-fresh-" + SEQ.incrementAndGet(), false)), 201).body())
                .path("memberId").asText();
    }

    private static String activeStrategy() {
        return json(ok(API.get("/api/v1/scheduler/strategies", admin), 200).body()).path("active").asText();
    }

    private static String workloadBody(String name) {
        return "{\"name\":\"" + name + "\",\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],\"cpuMillis\":10,\"memoryMb\":16}";
    }

    private static String submit(String token, String name) {
        return json(ok(API.post("/api/v1/workloads", token, workloadBody(name)), 201).body()).path("id").asText();
    }

    private static String reservationBody() {
        return "{\"memberId\":\"" + memberA + "\",\"image\":\"sharer/busybox:test\",\"cpuMillis\":10,\"memoryMb\":16}";
    }

    private static String reserve(String token) {
        return json(ok(API.post("/api/v1/reservations", token, reservationBody()), 201).body()).path("id").asText();
    }

    /** The workload's attempt once it is placed, which must be on {@code member} (null: either of the two). */
    private static JsonNode attemptOn(String workload, String member) {
        Wait.until(60_000, "workload " + workload + " placed", () -> json(API.get("/api/v1/workloads/" + workload, admin).body())
                .path("attempts").size() > 0, () -> API.get("/api/v1/workloads/" + workload, admin).body());
        JsonNode att = json(API.get("/api/v1/workloads/" + workload, admin).body()).path("attempts").get(0);
        assertTrue(att.toString(), member == null ? List.of(memberA, memberB).contains(att.path("memberId").asText())
                : member.equals(att.path("memberId").asText()));
        return att;
    }

    /** Member A, played by this test, answers the exec items it is handed while the call runs. */
    private static Http.Reply withAgentAnsweringExec(java.util.function.Supplier<Http.Reply> call) {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                JsonNode a = json(API.get("/api/v1/agent/assignments?waitSeconds=2", TOKENS.get(Who.MEMBER)).body());
                for (JsonNode x : a.path("exec")) {
                    API.post("/api/v1/agent/reservations/" + x.path("reservationId").asText() + "/events", TOKENS.get(Who.MEMBER),
                            "{\"type\":\"EXEC_RESULT\",\"execId\":\"" + x.path("execId").asText()
                                    + "\",\"exitCode\":0,\"stdout\":\"hi\\n\",\"stderr\":\"\",\"timedOut\":false}");
                }
            }
        });
        try {
            return call.get();
        } finally {
            done.set(true);
            agent.join();
        }
    }

    private static String joinBody(String machine, boolean docker) {
        String runtimes = docker ? "{\"docker\":{\"available\":true,\"detail\":null}}" : "{}";
        return "{\"joinToken\":\"" + joinToken + "\",\"name\":\"" + machine + "\",\"host\":{\"machineId\":\"" + machine
                + "\",\"hostname\":\"" + machine + "\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":64,\"memoryMb\":262144,\"diskMb\":1000000,"
                + "\"dockerAvailable\":" + docker + ",\"labels\":{},\"runtimes\":" + runtimes + "},"
                + "\"policy\":{\"maxCpuShare\":1.0,\"maxMemoryMb\":262144,\"pauseWhenOwnerActive\":false,\"ownerActiveThreshold\":0.6}}";
    }

    private static String beat() {
        return "{\"metrics\":{\"cpuLoad\":0.1,\"ownerLoad\":0.0,\"memoryUsedMb\":1000,\"memoryTotalMb\":262144,\"diskFreeMb\":100000,"
                + "\"uptimeSeconds\":100},\"host\":null,\"policy\":{\"maxCpuShare\":1.0,\"maxMemoryMb\":262144,\"pauseWhenOwnerActive\":false,"
                + "\"ownerActiveThreshold\":0.6}}";
    }

    private static Http.Reply send(Req req, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1" + req.path()))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher p = HttpRequest.BodyPublishers.noBody();
        if (req.body() != null) {
            b.header("Content-Type", "application/json");
            p = HttpRequest.BodyPublishers.ofString(req.body());
        } else if (!"GET".equals(req.method()) && !"DELETE".equals(req.method())) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<InputStream> r = CLIENT.send(b.method(req.method(), p).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                // a stream (server-sent events) answers its status at once and never ends: read no body
                String body = req.stream() && r.statusCode() == 200 ? "" : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                return new Http.Reply(r.statusCode(), body, r.headers().firstValue("Content-Type").orElse(""));
            }
        } catch (IOException e) {
            return new Http.Reply(-1, e.toString(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with an oversized URI or header, which Jetty refuses before any servlet. */
    private static Http.Reply raw(String path, String bigHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path)).timeout(Duration.ofSeconds(30));
        if (bigHeader != null) {
            b.header("X-Pad", bigHeader);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    private static byte[] rawBytes(String path, String token) throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static Http.Reply ok(Http.Reply r, int status) {
        assertEquals(r.body(), status, r.status());
        return r;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
