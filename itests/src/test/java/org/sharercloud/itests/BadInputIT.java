package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bad and oversized input against the real coordinator distribution (issue 11): every body is capped with a 413
 * naming the limit (the heartbeat servlet too), a join's token is checked before its host is read, JSON depth and
 * string lengths are bounded, a forecast cannot ask for gigabytes, a member's reported CPU time is bounded by what
 * its attempt requested, and {@code sharer.fuzz.inputs} generated requests over every operation of the OpenAPI
 * document (default 8,000; the full run in docs/reliability.md sends 100,000) plus {@code sharer.fuzz.shell} lines
 * through the real console leave no 5xx, no stack trace, nothing written by a refused request, and a healthy
 * coordinator.
 */
public class BadInputIT {
    private static final Path WORK = Path.of("target", "badinput").toAbsolutePath();
    private static final int HTTP = 18971;
    private static final int SSH = 18911;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** An exception class name ("…Exception", "…Error") or a stack frame ("at a.b.C(") in an answer or console output. */
    private static final Pattern EXCEPTION = Pattern.compile("[a-z](Exception|Error)\\b");
    private static final Pattern FRAME = Pattern.compile("\\n\\s*at [\\w$.]+\\(");
    private static final long SEED = Long.getLong("sharer.fuzz.seed", 11);
    private static final int INPUTS = Integer.getInteger("sharer.fuzz.inputs", 8000);
    private static final int SHELL = Integer.getInteger("sharer.fuzz.shell", 400);

    private static Distribution coordinator;
    private static String admin;
    private static String requestor;
    private static String joinToken;
    private static String memberId;
    private static String member;
    private static String workloadId;
    private static String consolePassword;

    @BeforeClass
    public static void start() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, SSH)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2")
                // the fuzzer sends thousands of bad tokens and joins from 127.0.0.1: lift the per-address rate limits
                // (AccessIT attacks those), so every input reaches the code it is meant to test
                .config("org.sharercloud.portal.cfg", "auth.failures.burst", "100000000")
                .config("org.sharercloud.portal.cfg", "auth.failures.per.minute", "100000000")
                .config("org.sharercloud.portal.cfg", "joins.burst", "100000000")
                .config("org.sharercloud.portal.cfg", "joins.per.minute", "100000000")
                .config("org.sharercloud.portal.cfg", "submits.burst", "100000000")
                .config("org.sharercloud.portal.cfg", "submits.per.minute", "100000000");
        admin = coordinator.startCoordinator(API);
        consolePassword = Console.password(coordinator);
        requestor = json(ok(API.post("/api/v1/tokens", admin, "{\"name\":\"fuzz-requestor\",\"role\":\"REQUESTOR\"}"), 201)).path("token").asText();
        joinToken = json(ok(API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT2H\",\"uses\":1000}"), 201)).path("token").asText();
        JsonNode joined = json(ok(API.post("/api/v1/agent/join", null, joinBody(joinToken, "fuzz-machine", "")), 201));
        memberId = joined.path("memberId").asText();
        member = joined.path("credential").asText();
        workloadId = json(ok(API.post("/api/v1/workloads", requestor,
                "{\"name\":\"fuzz-known\",\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],\"cpuMillis\":500,\"memoryMb\":64}"), 201))
                .path("id").asText();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    private static String joinBody(String token, String machine, String labelsPad) {
        return "{\"joinToken\":\"" + token + "\",\"name\":\"" + machine + "\",\"host\":{\"machineId\":\"" + machine
                + "\",\"hostname\":\"h\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":4,\"memoryMb\":8192,\"diskMb\":10000,"
                + "\"dockerAvailable\":true,\"labels\":{\"pad\":\"" + labelsPad + "\"}},"
                + "\"policy\":{\"maxCpuShare\":1.0,\"maxMemoryMb\":8192,\"pauseWhenOwnerActive\":false,\"ownerActiveThreshold\":0.6}}";
    }

    private static Http.Reply ok(Http.Reply r, int status) {
        assertEquals(r.body(), status, r.status());
        return r;
    }

    private static JsonNode json(Http.Reply r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body(), e);
        }
    }

    /** Sends raw bytes (declared length, or chunked without one). */
    private static Http.Reply send(String method, String path, String token, String type, byte[] body, boolean chunked) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path)).timeout(Duration.ofSeconds(90));
        if (token != null) {
            b.header("Authorization", "Bearer " + token.replaceAll("[^\\x21-\\x7e]", "?"));
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        try {
            HttpResponse<String> r = CLIENT.send(b.method(method, p).build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            return new Http.Reply(-1, e.toString(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one error shape with this status, naming this field (null: any) and a message containing {@code part}. */
    private static void assertError(Http.Reply r, int status, String field, String part) {
        assertEquals(r.body(), status, r.status());
        JsonNode e = json(r);
        assertEquals(r.body(), status, e.path("status").asInt());
        if (field != null) {
            assertEquals(r.body(), field, e.path("field").asText());
        }
        assertTrue(r.body(), e.path("error").asText().contains(part));
        assertTrue(r.body(), !hasTrace(r.body()));
    }

    private static int memberCount() {
        return paged("/api/v1/members").size();
    }

    // ---- the limits, each attacked directly ------------------------------------------------------------

    @Test
    public void everyBodyIsCappedWith413NamingTheLimit() {
        byte[] big = ("{\"image\":\"busybox\",\"command\":[" + "\"x\",".repeat(1_050_000) + "\"x\"]}").getBytes(StandardCharsets.UTF_8);
        int workloads = json(API.get("/api/v1/workloads", admin)).size();
        assertError(send("POST", "/api/v1/workloads", requestor, "application/json", big, false), 413, "body", "body.max.bytes");
        assertError(send("POST", "/api/v1/workloads", requestor, "application/json", big, true), 413, "body", "body.max.bytes");
        assertEquals("nothing stored from refused bodies", workloads, json(API.get("/api/v1/workloads", admin)).size());
        // the heartbeat servlet (outside JAX-RS) reads at most its cap, declared or chunked
        byte[] beat = ("{\"metrics\":{\"cpuLoad\":0.1},\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertError(send("POST", "/api/v1/agent/heartbeat", member, "application/json", beat, false), 413, "body", "body.heartbeat.max.bytes");
        assertError(send("POST", "/api/v1/agent/heartbeat", member, "application/json", beat, true), 413, "body", "body.heartbeat.max.bytes");
        // and JSON limits: nesting and string length
        String deep = "{\"values\":[1,2,3],\"model\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertError(API.post("/api/v1/forecasts", requestor, deep), 413, null, "json.max.depth");
        String longName = "{\"name\":\"" + "n".repeat(2 * 1024 * 1024 + 10) + "\",\"image\":\"busybox\"}";
        assertError(API.post("/api/v1/workloads", requestor, longName), 413, "name", "json.max.string.length");
        assertEquals(200, API.get("/api/v1/health", null).status());
    }

    @Test
    public void aJoinIsCappedSmallAndItsTokenCheckedBeforeTheHostIsRead() {
        int members = memberCount();
        // no token, a label map over the join cap: refused on its size, nothing bound
        assertError(send("POST", "/api/v1/agent/join", null, "application/json",
                joinBody("nope", "big", "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8), true), 413, "body", "body.join.max.bytes");
        // under the cap, with a bad token and a host whose labels have the wrong type: the token is refused first
        String badHost = "{\"host\":{\"labels\":[[1],{\"a\":[]}],\"cores\":\"many\"},\"joinToken\":\"stolen\",\"name\":\"x\"}";
        assertError(API.post("/api/v1/agent/join", null, badHost), 401, "joinToken", "unknown join token");
        // with the real token, the same host is a 400 naming the field
        String sameWithToken = badHost.replace("stolen", joinToken);
        Http.Reply r = API.post("/api/v1/agent/join", null, sameWithToken);
        assertEquals(r.body(), 400, r.status());
        assertTrue(r.body(), json(r).path("field").asText().startsWith("host."));
        assertEquals("no member joined", members, memberCount());
    }

    @Test
    public void aForecastThatWouldTakeGigabytesIs400OnModelAndTheCoordinatorStaysUp() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            values.append(i == 0 ? "" : ",").append(Math.sin(i / 7.0) + i % 13);
        }
        String body = "{\"values\":[" + values + "],\"model\":{\"p\":10,\"q\":10,\"P\":10,\"Q\":10,\"period\":1000},\"horizon\":3}";
        assertError(API.post("/api/v1/forecasts", requestor, body), 400, "model", "lower P, Q or the period");
        assertEquals(200, API.get("/api/v1/health", null).status());
    }

    @Test
    public void aMembersReportedCpuIsBoundedByItsRequestAndMustBeFinite() throws Exception {
        JsonNode joined = json(ok(API.post("/api/v1/agent/join", null, joinBody(joinToken, "credit-machine", "credit")), 201));
        String creditMember = joined.path("memberId").asText();
        String member = joined.path("credential").asText();
        long submitted = System.currentTimeMillis();
        String workloadId = json(ok(API.post("/api/v1/workloads", requestor, "{\"name\":\"cpu-bound\",\"image\":\"sharer/busybox:test\","
                + "\"command\":[\"true\"],\"cpuMillis\":2000,\"memoryMb\":64,\"constraints\":{\"pad\":\"credit\"}}"), 201)).path("id").asText();
        JsonNode start = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (start == null && System.currentTimeMillis() < deadline) {
            ok(API.post("/api/v1/agent/heartbeat", member, "{\"metrics\":{\"cpuLoad\":0.1,\"memoryUsedMb\":100,\"memoryTotalMb\":8192,"
                    + "\"diskFreeMb\":10000,\"ownerLoad\":0,\"uptimeSeconds\":100}}"), 200);
            JsonNode a = json(ok(API.get("/api/v1/agent/assignments?waitSeconds=2", member), 200));
            for (JsonNode s : a.path("start")) {
                if (s.path("workloadId").asText().equals(workloadId)) {
                    start = s;
                }
            }
        }
        assertTrue("the workload (2 cores) was handed to credit-machine", start != null);
        String events = "/api/v1/agent/attempts/" + start.path("attemptId").asText() + "/events";
        long token = start.path("fencingToken").asLong();
        ok(API.post(events, member, "{\"fencingToken\":" + token + ",\"type\":\"RUNNING\"}"), 200);
        // 1e400 is Infinity once parsed; NaN is not JSON; a negative is refused
        for (String bad : List.of("1e400", "-1", "NaN", "\"lots\"")) {
            Http.Reply r = API.post(events, member, "{\"fencingToken\":" + token + ",\"type\":\"USAGE\",\"cpuSeconds\":" + bad + ",\"peakMemoryMb\":10}");
            assertEquals(r.body(), 400, r.status());
            assertTrue(r.body(), !hasTrace(r.body()));
        }
        Thread.sleep(2000);
        ok(API.post(events, member, "{\"fencingToken\":" + token + ",\"type\":\"RESULT\",\"outcome\":\"SUCCEEDED\",\"exitCode\":0,"
                + "\"cpuSeconds\":1e300,\"peakMemoryMb\":10}"), 200);
        double elapsed = (System.currentTimeMillis() - submitted) / 1000.0; // it cannot have been handed out earlier
        JsonNode statement = json(ok(API.get("/api/v1/credits?member=" + creditMember, admin), 200));
        double credited = statement.path("balance").asDouble();
        assertTrue("credited " + statement, credited > 0 && credited <= 2.0 * elapsed + 1.0);
    }

    // ---- the fuzzer ----------------------------------------------------------------------------------

    /** Ids that exist now, by kind, as the admin sees them. */
    private static Map<String, Set<String>> ids() {
        Map<String, Set<String>> ids = new HashMap<>();
        ids.put("members", paged("/api/v1/members"));
        ids.put("tokens", idsOf(API.get("/api/v1/tokens", admin)));
        ids.put("join-tokens", idsOf(API.get("/api/v1/join-tokens", admin)));
        ids.put("workloads", paged("/api/v1/workloads"));
        return ids;
    }

    /** Every id of a paginated listing. */
    private static Set<String> paged(String path) {
        Set<String> ids = new HashSet<>();
        String cursor = "";
        do {
            JsonNode page = json(ok(API.get(path + "?limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin), 200));
            page.path("items").forEach(w -> ids.add(w.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? "" : page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return ids;
    }

    private static Set<String> idsOf(Http.Reply r) {
        Set<String> s = new HashSet<>();
        json(ok(r, 200)).forEach(n -> s.add(n.path("id").asText()));
        return s;
    }

    @Test
    public void fuzzedRequestsOverEveryOperationLeaveNo5xxNoTraceAndNothingWrittenOnRejection() throws Exception {
        JsonNode doc = json(ok(API.get("/api/v1/openapi.json", null), 200));
        Map<String, String> tokens = Map.of("admin", admin, "requestor", requestor, "member", member, "join", joinToken);
        Map<String, List<String>> known = Map.of("workloads", List.of(workloadId), "members", List.of(memberId));
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(doc, SEED, tokens, known, 4 * 1024 * 1024, 64 * 1024);
        assertTrue("operations from the document: " + fuzzer.operations().size(), fuzzer.operations().size() >= 35);
        Map<String, Set<String>> before = ids();
        Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicLong> perOperation = new ConcurrentHashMap<>();
        AtomicLong transport = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        for (long i = 0; i < INPUTS; i++) {
            long index = i;
            pool.execute(() -> {
                OpenApiFuzzer.Input in = fuzzer.input(index);
                Http.Reply r = send(in.method(), in.path(), in.token(), in.contentType(), in.body(), in.chunked());
                statuses.computeIfAbsent(r.status(), k -> new AtomicLong()).incrementAndGet();
                perOperation.computeIfAbsent(in.operationId(), k -> new AtomicLong()).incrementAndGet();
                if (transportRefusal(r)) {
                    transport.incrementAndGet();
                }
                String problem = check(in, r);
                if (problem != null && r.status() < 0 && oversized(in)) {
                    closed.incrementAndGet(); // the server may close the connection on a body above its cap (RFC 9110, 413)
                    problem = null;
                }
                if (problem != null && failures.size() < 50) {
                    failures.add(problem + "\n    request " + in.describe() + "\n    answer " + r.status() + " "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                }
                if (r.status() / 100 == 2 && in.method().equals("POST")) {
                    String kind = switch (in.operationId()) {
                        case "submitWorkload" -> "workloads";
                        case "createToken" -> "tokens";
                        case "createJoinToken" -> "join-tokens";
                        case "agentJoin" -> "members";
                        default -> null;
                    };
                    if (kind != null) {
                        JsonNode created = jsonOrNull(r.body());
                        String id = created == null ? null : created.path(kind.equals("members") ? "memberId" : "id").asText(null);
                        accepted.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(String.valueOf(id));
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue("fuzzing finished within an hour", pool.awaitTermination(1, TimeUnit.HOURS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BadInputIT: %d inputs (seed %d) over %d operations in %.0f s (%.0f/s); statuses %s; refused by Jetty before the API %d;"
                + " connection closed on an oversized body %d; accepted writes %s%n", INPUTS, SEED, perOperation.size(), seconds,
                INPUTS / seconds, new java.util.TreeMap<>(statuses), transport.get(), closed.get(), accepted);
        assertTrue("failures (first 50):\n" + String.join("\n", failures), failures.isEmpty());
        assertEquals("every operation was fuzzed", fuzzer.operations().size(), perOperation.size());

        Map<String, Set<String>> after = ids();
        for (String kind : List.of("members", "tokens", "workloads")) {
            Set<String> expected = new HashSet<>(before.get(kind));
            expected.addAll(accepted.getOrDefault(kind, Set.of()));
            assertEquals(kind + ": only accepted requests wrote", expected, after.get(kind));
        }
        Set<String> joinTokens = new HashSet<>(before.get("join-tokens"));
        joinTokens.addAll(accepted.getOrDefault("join-tokens", Set.of()));
        assertTrue("join tokens: only accepted requests wrote", joinTokens.containsAll(after.get("join-tokens")));
        assertEquals(200, API.get("/api/v1/health", null).status());
        String log = coordinator.log();
        assertTrue("no unexpected error in the coordinator log", !log.contains("Unexpected error serving a request"));
        assertTrue("no OutOfMemoryError", !log.contains("OutOfMemoryError"));
    }

    private static JsonNode jsonOrNull(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a text shows a Java stack trace or exception (linear-time checks: answers can be megabytes). */
    static boolean hasTrace(String s) {
        return s.contains("\tat ") || s.contains("Caused by:") || s.contains("java.lang.") || s.contains("org.apache.cxf")
                || s.contains("org.apache.karaf") || s.contains("org.apache.felix") || s.contains("com.fasterxml.")
                || EXCEPTION.matcher(s).find() || FRAME.matcher(s).find();
    }

    /**
     * A refusal by the web server (Jetty) before the request reaches the API: a request line or headers above its 8 KiB
     * buffers (414, 431) or a URI it will not route (400, e.g. an encoded '/' in a path segment). Jetty answers these in
     * its own HTML form; they are counted and reported, and still checked for traces and 5xx.
     */
    static boolean transportRefusal(Http.Reply r) {
        return (r.status() == 400 || r.status() == 414 || r.status() == 431) && r.contentType().startsWith("text/html");
    }

    /** Whether a request's body is above the cap of its path. */
    static boolean oversized(OpenApiFuzzer.Input in) {
        int cap = in.operationId().equals("agentJoin") ? 64 * 1024 : in.operationId().equals("agentHeartbeat") ? 256 * 1024 : 4 * 1024 * 1024;
        return in.body() != null && in.body().length > cap;
    }

    /** Why an answer is wrong, or null. */
    static String check(OpenApiFuzzer.Input in, Http.Reply r) {
        if (r.status() < 0) {
            return "no answer: " + r.body();
        }
        if (r.status() >= 500) {
            return "a " + r.status();
        }
        if (hasTrace(r.body()) && !in.operationId().equals("getOpenApi")) {
            return "a stack trace or exception name in the answer";
        }
        if (r.status() >= 400 && !transportRefusal(r)) {
            JsonNode e = jsonOrNull(r.body());
            if (e == null || e.path("status").asInt() != r.status() || !e.path("error").isTextual() || e.path("error").asText().isBlank()) {
                return "not the JSON error shape";
            }
        }
        return null;
    }

    // ---- the shell parsers, through the real console --------------------------------------------------

    /**
     * The commands and their options as declared (s: a string the command parses, i: an int Karaf converts, f: a flag,
     * l: repeatable; R/o: a required or optional argument), so that most lines reach the command's own parsing.
     * Not here: simulate (long), workload-outputs (writes a file), workload-logs -f (follows).
     */
    private static final String[] SPECS = {"status f:--json", "cluster-series s:--since f:--json", "credits s:--limit s:--cursor f:--json o",
        "forecast s:--order s:--seasonal i:--period f:--no-mean i:--horizon s:--forecaster f:--json R",
        "join-token s:--ttl i:--uses f:--json", "join-token-list f:--json", "member-attempts s:--limit s:--cursor f:--json R",
        "member-availability i:--hours f:--json R", "member-cordon f:--json R", "member-history i:--limit s:--cursor f:--json R",
        "member-list s:--state s:--search s:--limit s:--cursor f:--json", "member-metrics s:--since s:--step f:--json R",
        "member-remove R", "member-show f:--json R", "member-summary f:--json", "member-uncordon f:--json R", "scheduler-strategy f:--json o",
        "token-create s:--role f:--json R", "token-list f:--json", "token-revoke f:--json R", "worker-exec i:--timeout f:--json R R",
        "worker-list s:--search s:--limit s:--cursor f:--json", "worker-mine f:--json", "worker-release f:--json R",
        "worker-reserve i:--cpu i:--memory l:--env f:--json R R", "worker-show f:--json R", "workload-cancel f:--json R",
        "workload-list s:--state s:--search s:--owner s:--limit s:--cursor f:--json", "workload-logs R", "workload-scale f:--json R I",
        "workload-show f:--json R", "workload-submit s:--name i:--cpu i:--memory i:--timeout i:--replicas i:--retries i:--priority s:--kind "
            + "s:--runtime l:--env l:--constraint f:--json o o"};
    private static final String[] WORDS = {"0", "-1", "1", "1e400", "NaN", "abc", "PT1H", "PT-1S", "1h", "-5m", "500m", "0.5", "=", "==",
        "a=b", "k=", "=v", "ONLINE", "RUNNING", "admin", "REQUESTOR", "emperor", "1,2,3", "1,,3", "a,b", "1,1,1,12", "10,2,10,1000", "auto",
        "arima", "naive", "x", "ü", "日本", "%s%n", "..", "null", "true", "sharer/busybox:test"};
    private static final String[] INTS = {"0", "-1", "1", "12", "1000", "2147483647", "-2147483648"};

    private static String shellLine(Random r) {
        String[] spec = SPECS[r.nextInt(SPECS.length)].split(" ");
        StringBuilder sb = new StringBuilder("sharer:").append(spec[0]);
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < spec.length; i++) {
            String s = spec[i];
            if (s.equals("R") || s.equals("I") || s.equals("o") && r.nextBoolean()) {
                args.append(' ').append(s.equals("I") ? INTS[r.nextInt(INTS.length)] : word(r));
            } else if (s.length() > 2 && r.nextBoolean()) {
                sb.append(' ').append(s.substring(2));
                switch (s.charAt(0)) {
                    case 'i' -> sb.append(' ').append(INTS[r.nextInt(INTS.length)]);
                    case 's', 'l' -> sb.append(' ').append(word(r));
                    default -> { }
                }
            }
        }
        return sb.append(args).toString();
    }

    private static String word(Random r) {
        String w = r.nextInt(15) == 0 ? "y".repeat(1 + r.nextInt(3000)) : WORDS[r.nextInt(WORDS.length)];
        return w.contains(" ") || w.contains("=") ? "'" + w + "'" : w;
    }

    @Test
    public void fuzzedShellCommandsAnswerWithOneErrorLineAndNoTrace() throws Exception {
        Random r = new Random(SEED);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SHELL; i++) {
            lines.add(shellLine(r));
        }
        List<String> failures = new ArrayList<>();
        int done = 0;
        int sessions = 0;
        int refusedByKaraf = 0;
        while (done < lines.size()) {
            List<String> batch = lines.subList(done, Math.min(lines.size(), done + 200));
            List<String> outputs = console(batch);
            sessions++;
            // Karaf ends a batch session at a command its own parser refuses: that line's output is the last one
            for (int i = 0; i < outputs.size() && i < batch.size(); i++) {
                String out = outputs.get(i);
                // Karaf's parser names Java types in its one-line refusals ("… to java.lang.Integer"): only traces count here
                if ((FRAME.matcher(out).find() || out.contains("\tat ") || out.contains("Caused by:")) && failures.size() < 30) {
                    failures.add(batch.get(i) + "\n    → " + out.substring(0, Math.min(400, out.length())));
                }
            }
            if (outputs.size() < batch.size()) {
                refusedByKaraf++;
            }
            done += Math.max(1, Math.min(outputs.size(), batch.size()));
            assertTrue("sessions bounded: " + sessions, sessions <= SHELL);
        }
        System.out.printf("BadInputIT: %d shell lines (seed %d) through bin/client in %d sessions (%d ended by Karaf's own parser)%n", done,
                SEED, sessions, refusedByKaraf);
        assertTrue("shell answers with a trace:\n" + String.join("\n", failures), failures.isEmpty());
        assertEquals(200, API.get("/api/v1/health", null).status());
    }

    /** Runs lines in one bin/client session; one output per line run (Karaf's echo separates them). */
    private static List<String> console(List<String> lines) throws Exception {
        List<String> outputs = Console.batch(coordinator, SSH, consolePassword, 600, lines);
        String out = String.join("", outputs);
        assertTrue("never more outputs than lines (a line swallowed the next): " + out.substring(0, Math.min(2000, out.length())),
                outputs.size() <= lines.size());
        return outputs;
    }
}
