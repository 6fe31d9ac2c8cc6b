package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.client.ApiClient;
import org.sharercloud.client.ApiException;
import org.sharercloud.client.api.ClusterApi;
import org.sharercloud.client.api.CreditsApi;
import org.sharercloud.client.api.MembersApi;
import org.sharercloud.client.api.TokensApi;
import org.sharercloud.client.api.WorkloadsApi;
import org.sharercloud.client.model.ClusterView;
import org.sharercloud.client.model.AttemptPage;
import org.sharercloud.client.model.CreditBalancePage;
import org.sharercloud.client.model.ErrorBody;
import org.sharercloud.client.model.IssuedToken;
import org.sharercloud.client.model.MemberListItem;
import org.sharercloud.client.model.MemberPage;
import org.sharercloud.client.model.MemberRow;
import org.sharercloud.client.model.TokenInfo;
import org.sharercloud.client.model.TokenRequest;
import org.sharercloud.client.model.Workload;
import org.sharercloud.client.model.WorkloadPage;
import org.sharercloud.client.model.WorkloadRequest;
import org.sharercloud.client.model.WorkloadView;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API contract, proven on the real coordinator distribution: it serves at {@code /api/v1/openapi.json}
 * exactly the document the Java client (module api-client) was generated from, every documented operation
 * is routed, Swagger UI is served, the generated client submits a workload that a real contributor runs in
 * real Docker and reads its logs, and new {@code sharer:*} commands answer through the real console with
 * the API's JSON. The Docker part is skipped outside CI, saying why, when Docker or the test image is missing.
 */
public class ApiContractIT {
    private static final Path WORK = Path.of("target", "contract").toAbsolutePath();
    private static final int HTTP = 18981;
    private static final int SSH = 18901;
    private static final String IMAGE = TestImage.NAME;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);
    /** The message of a 404 from routing (no resource matched), as opposed to a service's "x not found". */
    private static final String UNROUTED = "no such resource";

    private static Distribution coordinator;
    private static Distribution contributor;
    private static String admin;
    private static String consolePassword;

    @BeforeClass
    public static void start() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, SSH)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2");
        admin = coordinator.startCoordinator(API);
        consolePassword = Console.password(coordinator);
        if (dockerReady()) {
            Http.Reply jt = API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":1}");
            assertEquals(jt.body(), 201, jt.status());
            contributor = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor").offline()
                    .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", json(jt.body()).path("token").asText())
                    .config("org.sharercloud.contributor.cfg", "name", "contract-worker")
                    .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false")
                    .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                    .config("org.sharercloud.contributor.cfg", "workload.cgroup", "/")
                    .config("org.sharercloud.contributor.cfg", "exclude.processes",
                            Distribution.ourProcesses(coordinator.home().resolve("karaf.pid")))
                    .config("org.sharercloud.runtime.docker.cfg", "owner", "it-contract");
            contributor.start();
            Wait.until(90_000, "contract-worker ONLINE", () -> API.get("/api/v1/members", admin).body().contains("\"ONLINE\""),
                    () -> API.get("/api/v1/members", admin).body());
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        if (contributor != null) {
            contributor.stop();
        }
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    private static boolean dockerReady() throws Exception {
        return TestImage.runnable("ApiContractIT", "Docker", TestImage.missing());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static ApiClient client(String token) {
        ApiClient c = new ApiClient();
        c.updateBaseUri("http://127.0.0.1:" + HTTP + "/api/v1");
        c.setReadTimeout(Duration.ofSeconds(30));
        c.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        return c;
    }

    // ---- the document ---------------------------------------------------------------------------

    @Test
    public void theServedDocumentIsTheOneTheClientWasGeneratedFrom() throws IOException {
        Http.Reply served = API.get("/api/v1/openapi.json", null);
        assertEquals("no token needed: " + served.body(), 200, served.status());
        assertTrue(served.contentType(), served.contentType().startsWith("application/json"));
        Path built = Path.of(System.getProperty("sharer.openapi.document"));
        assertTrue("the api-client module's copy of the document: " + built, Files.exists(built));
        assertEquals("served = what the client was generated from", JSON.readTree(Files.readString(built)), json(served.body()));
        JsonNode doc = json(served.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        assertEquals("/api/v1", doc.at("/servers/0/url").asText());
    }

    /**
     * Every documented method and path reaches a resource on the running coordinator (an admin token passes
     * authentication, so a 404 or 405 here could only come from routing). Requests use a made-up id and an
     * empty body: they are refused by the services (400, 403, 404 naming the thing), never unrouted.
     */
    @Test
    public void everyDocumentedOperationIsRoutedOnTheRealCoordinator() throws Exception {
        JsonNode doc = json(API.get("/api/v1/openapi.json", null).body());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            String path = "/api/v1" + p.getKey().replaceAll("\\{[^}]+}", "nope");
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                String query = p.getKey().equals("/agent/assignments") ? "?waitSeconds=0" : "";
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path + query))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + admin);
                if (op.getValue().has("requestBody")) {
                    b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
                } else {
                    b.method(method, HttpRequest.BodyPublishers.noBody());
                }
                if (op.getValue().at("/responses/200/content").has("text/event-stream")) {
                    // a stream that runs for minutes: its status, type and first event, then hang up
                    HttpResponse<java.io.InputStream> stream = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                    try (java.io.InputStream in = stream.body()) {
                        assertEquals(method + " " + path, 200, stream.statusCode());
                        assertTrue(stream.headers().firstValue("Content-Type").orElse(""),
                                stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                        String first = new String(in.readNBytes(40), StandardCharsets.UTF_8);
                        assertTrue("the stream starts with its hello event: " + first, first.contains("event: hello"));
                    }
                    checked.add(method + " " + p.getKey());
                    continue;
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                String what = method + " " + path + " → " + r.statusCode() + " " + r.body();
                assertNotEquals(what, 405, r.statusCode());
                assertFalse(what, r.statusCode() == 404 && r.body().contains(UNROUTED));
                assertTrue(what, r.statusCode() < 500);
                checked.add(method + " " + p.getKey());
            }
        }
        assertTrue("checked " + checked, checked.size() >= 30);
        Http.Reply unrouted = API.get("/api/v1/no-such-thing", admin);
        assertEquals("the check can fail: an unknown path is unrouted", 404, unrouted.status());
        assertTrue(unrouted.body(), unrouted.body().contains(UNROUTED));
    }

    @Test
    public void swaggerUiIsServedWithoutAToken() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(301, redirect.statusCode());
        assertEquals("/api/v1/docs/", redirect.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(""));
        Http.Reply page = API.get("/api/v1/docs/", null);
        assertEquals(page.body(), 200, page.status());
        assertTrue(page.contentType(), page.contentType().startsWith("text/html"));
        assertTrue(page.body(), page.body().contains("swagger-ui-bundle.js") && page.body().contains("docs.js"));
        Http.Reply bundle = API.get("/api/v1/docs/swagger-ui-bundle.js", null);
        assertEquals(200, bundle.status());
        assertTrue("the WebJar's Swagger UI", bundle.body().length() > 1_000_000 && bundle.body().contains("SwaggerUIBundle"));
        Http.Reply start = API.get("/api/v1/docs/docs.js", null);
        assertTrue(start.body(), start.status() == 200 && start.body().contains("../openapi.json"));
        assertEquals(200, API.get("/api/v1/docs/swagger-ui.css", null).status());
        assertEquals(404, API.get("/api/v1/docs/nothing.js", null).status());
    }

    // ---- the generated client, end to end ---------------------------------------------------------

    @Test
    public void theGeneratedClientSubmitsAWorkloadAndReadsItsLogs() throws Exception {
        Assume.assumeTrue("needs Docker and a contributor", contributor != null);
        IssuedToken token = new TokensApi(client(admin)).createToken(new TokenRequest().name("contract").role("REQUESTOR"));
        assertEquals("REQUESTOR", token.getRole().getValue());
        WorkloadsApi workloads = new WorkloadsApi(client(token.getToken()));

        try {
            workloads.submitWorkload(new WorkloadRequest().image(IMAGE).command(List.of("true")).cpuMillis(-5));
            fail("a negative CPU is refused");
        } catch (ApiException e) {
            assertEquals(e.getResponseBody(), 400, e.getCode());
            ErrorBody error = new ObjectMapper().readValue(e.getResponseBody(), ErrorBody.class);
            assertEquals(Integer.valueOf(400), error.getStatus());
            assertEquals("cpuMillis", error.getField());
        }

        Workload submitted = workloads.submitWorkload(new WorkloadRequest().name("contract").image(IMAGE)
                .command(List.of("sh", "-c", "echo hello from the generated client; echo line two")).cpuMillis(100).memoryMb(64).maxRetries(0));
        assertEquals("PENDING", submitted.getState().getValue());
        String id = submitted.getId();
        Wait.until(90_000, "workload " + id + " SUCCEEDED", () -> {
            try {
                return "SUCCEEDED".equals(workloads.getWorkload(id).getState().getValue());
            } catch (ApiException e) {
                throw new AssertionError(e.getResponseBody(), e);
            }
        }, () -> API.get("/api/v1/workloads/" + id, admin).body());
        WorkloadView view = workloads.getWorkload(id);
        assertEquals(1, view.getAttempts().size());
        assertEquals(Integer.valueOf(0), view.getAttempts().get(0).getExitCode());
        assertEquals("hello from the generated client\nline two\n", workloads.getWorkloadLogs(id, false));

        // a listing answers a plain array, or with limit or cursor a page envelope: the client reads either with its mapper
        ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
        List<Workload> all = mapper.convertValue(workloads.listWorkloads(null, null, null, null, null), new TypeReference<List<Workload>>() { });
        assertTrue(all.stream().anyMatch(w -> w.getId().equals(id)));
        Workload second = workloads.submitWorkload(new WorkloadRequest().name("contract-2").image(IMAGE).command(List.of("true"))
                .cpuMillis(100).memoryMb(64).maxRetries(0));
        WorkloadPage first = mapper.treeToValue(workloads.listWorkloads(null, "contract", null, 1, null), WorkloadPage.class);
        assertEquals("newest first", List.of(second.getId()), first.getItems().stream().map(Workload::getId).toList());
        assertNotNull(first.getNextCursor());
        WorkloadPage rest = mapper.treeToValue(workloads.listWorkloads(null, "contract", null, 1, first.getNextCursor()), WorkloadPage.class);
        assertEquals(List.of(id), rest.getItems().stream().map(Workload::getId).toList());
        WorkloadPage succeeded = mapper.treeToValue(workloads.listWorkloads("SUCCEEDED", null, null, 50, null), WorkloadPage.class);
        assertTrue(succeeded.getItems().stream().allMatch(w -> "SUCCEEDED".equals(w.getState().getValue())));
        try {
            workloads.listWorkloads(null, null, null, 0, null);
            fail("limit 0 is refused");
        } catch (ApiException e) {
            assertEquals(400, e.getCode());
            assertEquals("limit", mapper.readValue(e.getResponseBody(), ErrorBody.class).getField());
        }

        ApiClient adminClient = client(admin);
        MembersApi membersApi = new MembersApi(adminClient);
        List<MemberRow> members = new ArrayList<>();
        mapper.convertValue(membersApi.listMembers(null, null, null, null), new TypeReference<List<MemberListItem>>() { })
                .forEach(m -> members.add(m.getMemberRow()));
        MemberRow worker = members.stream().filter(m -> "contract-worker".equals(m.getName())).findFirst().orElseThrow(() -> new AssertionError(members));
        assertNotNull("admins get members with their host: " + worker, worker.getHost());
        assertNotNull("and what is placed there", worker.getAllocated());
        assertTrue("docker works there", worker.getRuntimes().get("docker").getAvailable());
        MemberPage onlinePage = mapper.treeToValue(membersApi.listMembers("ONLINE", "contract", 10, null), MemberPage.class);
        assertEquals(1, onlinePage.getItems().size());
        assertEquals(Integer.valueOf(1), membersApi.getMemberSummary().get("ONLINE"));
        AttemptPage ran = membersApi.listMemberAttempts(worker.getId(), 10, null);
        assertTrue("what ran on the member: " + ran, ran.getItems().stream().anyMatch(a -> id.equals(a.getWorkloadId())));
        JsonNode balances = new CreditsApi(adminClient).getCredits(null, null, null);
        assertTrue(balances.toString(), balances.isArray() && balances.size() >= 1);
        CreditBalancePage balancePage = mapper.treeToValue(new CreditsApi(adminClient).getCredits(null, 1, null), CreditBalancePage.class);
        assertEquals(worker.getId(), balancePage.getItems().get(0).getMemberId());
        assertTrue("the cluster series has samples", new ClusterApi(adminClient).getClusterSeries(null).getSamples().size() >= 1);
        ClusterView registry = new ClusterApi(adminClient).getCluster();
        assertEquals("one coordinator on embedded Derby, and it leads: " + registry, "derby", registry.getStore());
        assertEquals(registry.getSelfId(), registry.getLeaderId());
        assertEquals(1, registry.getCoordinators().size());
        assertTrue(registry.getCoordinators().get(0).getAlive() && registry.getCoordinators().get(0).getSelf());

        // tokens: who a token is, the admin's list without secrets, revoking one stops it at once
        TokensApi tokens = new TokensApi(adminClient);
        assertEquals("contract", new TokensApi(client(token.getToken())).getMe().getSubject());
        TokenInfo listed = tokens.listTokens().stream().filter(t -> t.getId().equals(token.getId())).findFirst().orElseThrow();
        assertEquals("contract", listed.getName());
        assertFalse(mapper.writeValueAsString(tokens.listTokens()).contains(token.getToken()));
        assertTrue(tokens.revokeToken(token.getId()).getRevoked());
        try {
            workloads.getWorkload(id);
            fail("a revoked token stops working");
        } catch (ApiException e) {
            assertEquals(401, e.getCode());
        }
        try {
            tokens.revokeToken(token.getId());
            fail("revoked twice");
        } catch (ApiException e) {
            assertEquals(409, e.getCode());
        }
        ApiClient requestorClient = client(tokens.createToken(new TokenRequest().name("contract-3")).getToken());
        WorkloadsApi workloadsAgain = new WorkloadsApi(requestorClient);
        try {
            workloadsAgain.getWorkload("nope");
            fail();
        } catch (ApiException e) {
            assertEquals(404, e.getCode());
        }
    }

    // ---- the shell, through the real console --------------------------------------------------------

    /**
     * Runs commands one after the other in one session of the distribution's bin/client, as an operator would
     * (one session costs seconds; the outputs come back one per command).
     */
    private static List<String> console(String... commands) throws Exception {
        List<String> outputs = Console.batch(coordinator, SSH, consolePassword, 90, List.of(commands));
        assertEquals("one output per command: " + outputs, commands.length, outputs.size());
        return outputs;
    }

    @Test
    public void newShellCommandsAnswerThroughTheRealConsoleWithTheApisJson() throws Exception {
        List<String> out = console("sharer:token-create --json dave", "sharer:token-create --role emperor eve",
                "sharer:workload-submit --json --name from-console --cpu 100 --memory 64 " + IMAGE + " echo hi",
                "sharer:workload-list --json", "sharer:workload-list --json --search from-console --limit 1", "sharer:workload-list --limit 0",
                "sharer:scheduler-strategy --json", "sharer:scheduler-strategy", "sharer:worker-show nope", "sharer:status --json",
                "sharer:token-list --json", "sharer:join-token --json --uses 2", "sharer:join-token-list --json", "sharer:member-summary --json",
                "sharer:cluster-series --json --since 1h", "sharer:cluster-series --since 1m", "sharer:workload-cancel nope",
                "sharer:member-list --json", "sharer:member-list --json --state ONLINE", "sharer:cluster --json", "sharer:cluster");
        JsonNode token = Console.jsonLine(out.get(0));
        assertEquals(token.toString(), "REQUESTOR", token.path("role").asText());
        assertEquals("dave", token.path("name").asText());
        String dave = token.path("token").asText();
        assertEquals("the console's token works on the API", 200, API.get("/api/v1/workloads", dave).status());
        assertTrue(out.get(1), out.get(1).contains("Error: role must be REQUESTOR or ADMIN") && !out.get(1).contains("Exception"));

        String id = Console.jsonLine(out.get(2)).path("id").asText();
        JsonNode listed = Console.jsonLine(out.get(3));
        assertTrue(listed.toString(), listed.isArray() && listed.toString().contains("\"" + id + "\""));
        JsonNode page = Console.jsonLine(out.get(4));
        assertEquals("with --limit, the API's page envelope", json(API.get("/api/v1/workloads?search=from-console&limit=1", admin).body()).path("items")
                .get(0).path("id"), page.path("items").get(0).path("id"));
        assertTrue(page.toString(), page.has("nextCursor"));
        assertTrue(out.get(5), out.get(5).contains("Error: limit must be a whole number between 1 and 1000") && !out.get(5).contains("Exception"));

        JsonNode strategies = Console.jsonLine(out.get(6));
        JsonNode apiStrategies = json(API.get("/api/v1/scheduler/strategies", admin).body());
        assertEquals(apiStrategies.path("strategies"), strategies.path("strategies"));
        assertEquals(apiStrategies.path("active"), strategies.path("active"));
        assertTrue(out.get(7), out.get(7).matches("(?s).*Strategy\\s*\\|\\s*Active.*first-fit.*"));
        assertTrue(out.get(8), out.get(8).contains("Error: ") && out.get(8).contains("nope") && !out.get(8).contains("Exception"));
        assertEquals(json(API.get("/api/v1/health", null).body()).path("modules"), Console.jsonLine(out.get(9)).path("modules"));

        // the portal's operations, from the console: tokens, join tokens, member summary, cluster series
        JsonNode tokens = Console.jsonLine(out.get(10));
        assertEquals(json(API.get("/api/v1/tokens", admin).body()), tokens);
        assertFalse("never a secret", tokens.toString().contains(dave));
        JsonNode joinTokens = Console.jsonLine(out.get(12));
        assertEquals(json(API.get("/api/v1/join-tokens", admin).body()), joinTokens);
        assertTrue(joinTokens.toString(), joinTokens.size() >= 1 && !joinTokens.toString().contains(Console.jsonLine(out.get(11)).path("token").asText()));
        assertEquals(json(API.get("/api/v1/members/summary", admin).body()), Console.jsonLine(out.get(13)));
        JsonNode series = Console.jsonLine(out.get(14));
        assertEquals(5, series.path("stepSeconds").asInt());
        assertTrue(series.toString(), series.path("samples").size() >= 1 && series.path("samples").get(0).has("cpuAllocatedMillis"));
        assertTrue(out.get(15), out.get(15).contains("Placed/s") && out.get(15).contains("samples, one every 5 s"));
        assertTrue(out.get(16), out.get(16).contains("Error: ") && out.get(16).contains("nope"));

        JsonNode cluster = Console.jsonLine(out.get(19));
        assertEquals("the console's registry is the API's", json(API.get("/api/v1/cluster", admin).body()).path("leaderId"), cluster.path("leaderId"));
        assertEquals(cluster.toString(), cluster.path("selfId"), cluster.path("leaderId"));
        assertTrue(out.get(20), out.get(20).contains("leader") && out.get(20).contains("1 coordinator(s) alive on derby"));

        String memberId = contributor == null ? "nope" : Console.jsonLine(out.get(17)).get(0).path("id").asText();
        if (contributor != null) {
            assertEquals(json(API.get("/api/v1/members?state=ONLINE", admin).body()).size(), Console.jsonLine(out.get(18)).size());
        }
        String tokenId = token.path("id").asText();
        JsonNode apiAttempts = json(API.get("/api/v1/members/" + memberId + "/attempts?limit=5", admin).body());
        out = console("sharer:workload-show --json " + id, "sharer:token-revoke --json " + tokenId, "sharer:token-revoke " + tokenId,
                "sharer:member-availability --json --hours 2 " + memberId, "sharer:member-metrics --since 10m " + memberId,
                "sharer:member-attempts --json --limit 5 " + memberId);
        JsonNode shown = Console.jsonLine(out.get(0));
        JsonNode api = json(API.get("/api/v1/workloads/" + id, admin).body());
        assertEquals(api.path("id"), shown.path("id"));
        assertEquals(api.path("spec"), shown.path("spec"));
        assertEquals(api.path("owner"), shown.path("owner"));
        assertEquals(api.path("submittedAt"), shown.path("submittedAt"));
        assertTrue(out.get(1), Console.jsonLine(out.get(1)).path("revoked").asBoolean());
        assertEquals("revoked from the console: the token stops working", 401, API.get("/api/v1/workloads", dave).status());
        assertTrue(out.get(2), out.get(2).contains("Error: ") && out.get(2).contains("already revoked"));
        if (contributor != null) {
            assertEquals(out.get(3), 2, Console.jsonLine(out.get(3)).size());
            assertTrue(out.get(4), out.get(4).contains("CPU load") && out.get(4).matches("(?s).*\\d+ points? at \\d+ s steps.*"));
            List<String> apiIds = new ArrayList<>();
            List<String> shellIds = new ArrayList<>();
            apiAttempts.path("items").forEach(a -> apiIds.add(a.path("id").asText()));
            Console.jsonLine(out.get(5)).path("items").forEach(a -> shellIds.add(a.path("id").asText()));
            assertEquals("the same page of attempts (their states may move on between the two calls)", apiIds, shellIds);
        } else {
            assertTrue(out.get(5), out.get(5).contains("Error: member nope not found"));
        }
    }
}
