package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Workloads end to end on real processes and the real Docker engine: a coordinator and two contributor
 * distributions run jobs in sandboxed containers (image {@code sharer/busybox:test}, from
 * {@code .ci/docker.sh}). Success with logs and outputs, failure with its exit code, cancel, timeout, OOM,
 * the sandbox, a killed contributor (LOST, completed on the other one, credited once, its late report
 * refused), and a reserved worker. Outside CI it is skipped, saying why, when Docker is absent.
 *
 * <p>{@code -Dsharer.contributor.jar=<path>} puts that agent bundle into the contributor distributions
 * (to test an agent not yet installed in the local repository).
 */
public class WorkloadsIT {
    private static final Path WORK = Path.of("target", "workloads").toAbsolutePath();
    private static final int HTTP = 18781;
    private static final String IMAGE = TestImage.NAME;
    private static final int HEARTBEAT_SECONDS = 2;
    private static final int OFFLINE_AFTER_SECONDS = 10;
    private static final int EXCLUSION_BACKOFF_SECONDS = 20;
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);
    /**
     * Outside CI (CI not "true") this runs on a machine shared with other builds, whose CPU is real owner load and
     * can leave no CPU free to place on: there, and only there, the whole machine counts as ours
     * ({@code cgroup:/}). This test is about workloads; {@code OwnerLoadIT} is about owner load.
     */
    private static Distribution coordinator;
    private static final Distribution[] CONTRIBUTORS = new Distribution[2];
    private static String admin;
    private static String requestor;

    @BeforeClass
    public static void startCluster() throws Exception {
        Assume.assumeTrue(dockerReady());
        coordinator = Distribution.coordinator(WORK, HTTP, 18701)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", Integer.toString(HEARTBEAT_SECONDS))
                .config("org.sharercloud.members.cfg", "suspect.after.missed", "2")
                .config("org.sharercloud.members.cfg", "offline.after.seconds", Integer.toString(OFFLINE_AFTER_SECONDS))
                // the autoscaler looks every 2 s (30 s in production) at usage the agents report every second
                .config("org.sharercloud.scheduler.cfg", "autoscale.interval.seconds", "2")
                .config("org.sharercloud.scheduler.cfg", "exclusion.backoff.seconds", Integer.toString(EXCLUSION_BACKOFF_SECONDS));
        admin = coordinator.startCoordinator(API);
        Http.Reply jt = API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":10}");
        assertEquals(jt.body(), 201, jt.status());
        String joinToken = json(jt.body()).path("token").asText();
        Http.Reply tok = API.post("/api/v1/tokens", admin, "{\"name\":\"alice\",\"role\":\"REQUESTOR\"}");
        assertEquals(tok.body(), 201, tok.status());
        requestor = json(tok.body()).path("token").asText();
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            CONTRIBUTORS[i] = contributor(i, joinToken);
            CONTRIBUTORS[i].start();
        }
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            awaitOnline(i);
        }
    }

    private static Distribution contributor(int i, String joinToken) throws Exception {
        Distribution d = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor-" + i).offline()
                .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", name(i))
                // the build machine is busy: do not let its load drain the members during the test
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false")
                .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                .config("org.sharercloud.contributor.cfg", "usage.seconds", "1")
                // the coordinator and the other agent next door, and this test's JVM, are ours, not the owner's load (so
                // are the containers: the runtime measures its cgroup parent). That is all it takes on a CI machine.
                .config("org.sharercloud.contributor.cfg", "exclude.processes", Distribution.ourProcesses(
                        coordinator.home().resolve("karaf.pid"), WORK.resolve("contributor-" + (1 - i)).resolve("karaf.pid")))
                // both agents share one engine: each cleans up only its own leftovers
                .config("org.sharercloud.runtime.docker.cfg", "owner", "it-contributor-" + i);
        String jar = System.getProperty("sharer.contributor.jar", "");
        if (!jar.isBlank()) {
            Path dir = d.home().resolve("system/org/sharercloud/org.sharercloud.contributor").resolve(System.getProperty("project.version"));
            try (var jars = Files.list(dir)) {
                for (Path p : (Iterable<Path>) jars.filter(f -> f.toString().endsWith(".jar"))::iterator) {
                    Files.copy(Path.of(jar), p, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return d;
    }

    @AfterClass
    public static void stopCluster() throws Exception {
        for (Distribution c : CONTRIBUTORS) {
            if (c != null) {
                c.stop();
            }
        }
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    private static boolean dockerReady() throws Exception {
        return TestImage.runnable("WorkloadsIT", "Docker", TestImage.missing());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String name(int i) {
        return "worker-" + i;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static JsonNode member(int i) {
        Http.Reply r = API.get("/api/v1/members", admin);
        for (JsonNode m : json(r.body())) {
            if (m.path("name").asText().equals(name(i))) {
                return m;
            }
        }
        return null;
    }

    private static void awaitOnline(int i) {
        Wait.until(90_000, name(i) + " ONLINE", () -> {
            JsonNode m = member(i);
            return m != null && "ONLINE".equals(m.path("state").asText());
        }, () -> API.get("/api/v1/members", admin).body());
    }

    /** Submits a job; {@code extra} is more JSON fields, e.g. {@code "maxRetries":0}. */
    private static String submit(String shell, String extra) {
        String body = "{\"image\":\"" + IMAGE + "\",\"command\":[\"sh\",\"-c\"," + JSON.valueToTree(shell) + "],"
                + "\"cpuMillis\":100,\"memoryMb\":64" + (extra.isEmpty() ? "" : "," + extra) + "}";
        Http.Reply r = API.post("/api/v1/workloads", requestor, body);
        assertEquals(r.body(), 201, r.status());
        return json(r.body()).path("id").asText();
    }

    private static JsonNode workload(String id) {
        Http.Reply r = API.get("/api/v1/workloads/" + id, requestor);
        assertEquals(r.body(), 200, r.status());
        return json(r.body());
    }

    private static JsonNode awaitState(String id, Set<String> states, long millis) {
        Wait.until(millis, "workload " + id + " in " + states, () -> states.contains(workload(id).path("state").asText()),
                () -> workload(id).toString());
        return workload(id);
    }

    private static JsonNode awaitFinal(String id, long millis) {
        return awaitState(id, FINAL, millis);
    }

    private static JsonNode lastAttempt(JsonNode w) {
        JsonNode attempts = w.path("attempts");
        assertTrue("attempts: " + w, attempts.size() > 0);
        return attempts.get(attempts.size() - 1);
    }

    private static String logs(String id) {
        Http.Reply r = API.get("/api/v1/workloads/" + id + "/logs", requestor);
        assertEquals(r.body(), 200, r.status());
        return r.body();
    }

    private static String containers(String labelValue) {
        try {
            return Distribution.run(List.of("docker", "ps", "-aq", "--filter", "label=org.sharercloud.attempt=" + labelValue), 30).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitContainerGone(String labelValue) {
        Wait.until(30_000, "no container labelled " + labelValue, () -> containers(labelValue).isEmpty(), () -> containers(labelValue));
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    public void aJobPrintsSucceedsAndItsLogsAndOutputsComeBack() throws Exception {
        String id = submit("echo hello from $WHO; echo warning >&2; cat /input/in.txt; echo 42 > /output/answer.txt",
                "\"env\":{\"WHO\":\"sharer\"},\"inputs\":{\"in.txt\":\"input-text\"}");
        JsonNode w = awaitFinal(id, 60_000);
        assertEquals(w.toString(), "SUCCEEDED", w.path("state").asText());
        JsonNode a = lastAttempt(w);
        assertEquals(0, a.path("exitCode").asInt());
        assertEquals("SUCCEEDED", a.path("state").asText());
        String logs = logs(id);
        assertTrue(logs, logs.contains("hello from sharer\n"));
        assertTrue(logs, logs.contains("warning\n"));
        assertTrue(logs, logs.contains("input-text"));

        HttpResponse<byte[]> out = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP + "/api/v1/workloads/" + id + "/outputs")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + requestor).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, out.statusCode());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.body()));
        assertEquals("the archive is the one the agent hashed", a.path("outputsSha256").asText(), sha);
        assertEquals(sha, out.headers().firstValue("X-Sharer-Outputs-SHA256").orElse(""));
        String tar = new String(out.body(), StandardCharsets.ISO_8859_1);
        assertTrue("the tar holds answer.txt", tar.contains("answer.txt") && tar.contains("42\n"));
        awaitContainerGone(a.path("id").asText());
    }

    @Test
    public void aFailingCommandIsFailedWithItsExitCode() {
        String id = submit("echo about to fail; exit 3", "\"maxRetries\":0");
        JsonNode w = awaitFinal(id, 60_000);
        assertEquals(w.toString(), "FAILED", w.path("state").asText());
        assertEquals(w.toString(), 3, lastAttempt(w).path("exitCode").asInt());
        assertTrue(logs(id).contains("about to fail"));
    }

    /**
     * Issue 9's starvation on the real cluster: a job (maxRetries 2) that exits 1 on both members leaves its replica
     * PENDING with both excluded; jobs of the same and a larger size submitted meanwhile still run at once, and the
     * failing one goes back to a member after the back-off and ends FAILED with its exit code.
     */
    @Test
    public void aJobFailingOnEveryMemberNeitherStarvesOthersNorWaitsForever() {
        String failing = submit("echo failing on purpose; exit 1", "\"maxRetries\":2");
        Wait.until(90_000, "two failed attempts on the two members, the replica pending", () -> {
            JsonNode w = workload(failing);
            JsonNode a = w.path("attempts");
            return "PENDING".equals(w.path("state").asText()) && a.size() == 2 && "FAILED".equals(a.get(1).path("state").asText());
        }, () -> workload(failing).toString());
        JsonNode twice = workload(failing);
        assertFalse("retried elsewhere: " + twice, twice.path("attempts").get(0).path("memberId").asText()
                .equals(twice.path("attempts").get(1).path("memberId").asText()));
        String same = submit("echo same size", "");
        String larger = API.post("/api/v1/workloads", requestor, "{\"image\":\"" + IMAGE + "\",\"command\":[\"echo\",\"larger\"],"
                + "\"cpuMillis\":200,\"memoryMb\":128}").body();
        String largerId = json(larger).path("id").asText();
        assertEquals("SUCCEEDED", awaitFinal(same, 60_000).path("state").asText());
        assertEquals("SUCCEEDED", awaitFinal(largerId, 60_000).path("state").asText());
        assertEquals("they ran while the failing replica still waited out its back-off: " + workload(failing), 2,
                workload(failing).path("attempts").size());

        JsonNode done = awaitFinal(failing, (EXCLUSION_BACKOFF_SECONDS + 90) * 1000L);
        assertEquals(done.toString(), "FAILED", done.path("state").asText());
        assertTrue(done.toString(), done.path("reason").asText().contains("exit 1"));
        assertEquals(done.toString(), 3, done.path("attempts").size());
        assertTrue(done.toString(), lastAttempt(done).path("placement").asText().startsWith("retry on a member it failed on before"));
    }

    @Test
    public void aCancelledSleeperIsKilledAndItsContainerRemoved() {
        String id = submit("echo sleeping; sleep 300", "");
        awaitState(id, Set.of("RUNNING"), 60_000);
        String attempt = lastAttempt(workload(id)).path("id").asText();
        Wait.until(20_000, "the sleeper's container", () -> !containers(attempt).isEmpty());
        Http.Reply r = API.delete("/api/v1/workloads/" + id, requestor);
        assertEquals(r.body(), 200, r.status());
        JsonNode w = awaitFinal(id, 30_000);
        assertEquals(w.toString(), "CANCELLED", w.path("state").asText());
        awaitContainerGone(attempt);
    }

    @Test
    public void anAutoscaledServiceGrowsWithItsLoadAndStopsCleanly() {
        Http.Reply job = API.post("/api/v1/workloads", requestor, "{\"image\":\"" + IMAGE + "\",\"command\":[\"true\"],"
                + "\"autoscaling\":{\"maxReplicas\":3}}");
        assertEquals(job.body(), 400, job.status());
        assertEquals(job.body(), "autoscaling", json(job.body()).path("field").asText());

        // each replica burns all of its 100m CPU request: 100 % utilisation against a 50 % target
        String id = submit("while :; do :; done", "\"kind\":\"service\",\"replicas\":1,"
                + "\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":3,\"targetCpuPercent\":50}");
        Wait.until(120_000, "the service scaled to 3 running replicas", () -> {
            JsonNode w = workload(id);
            return w.path("spec").path("replicas").asInt() == 3 && running(w) == 3;
        }, () -> workload(id).toString());
        JsonNode w = workload(id);
        assertEquals(w.toString(), 3, w.path("autoscale").path("currentReplicas").asInt());
        assertTrue(w.toString(), w.path("autoscale").path("lastDecision").asText().contains("-> 3"));
        List<String> attempts = new ArrayList<>();
        w.path("attempts").forEach(a -> attempts.add(a.path("id").asText()));

        Http.Reply r = API.delete("/api/v1/workloads/" + id, requestor);
        assertEquals(r.body(), 200, r.status());
        assertEquals("CANCELLED", awaitFinal(id, 60_000).path("state").asText());
        attempts.forEach(WorkloadsIT::awaitContainerGone);
    }

    private static int running(JsonNode w) {
        int n = 0;
        for (JsonNode a : w.path("attempts")) {
            n += "RUNNING".equals(a.path("state").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    public void aJobPastItsTimeoutIsTimedOut() {
        String id = submit("sleep 60", "\"timeoutSeconds\":2,\"maxRetries\":0");
        JsonNode w = awaitFinal(id, 60_000);
        assertEquals(w.toString(), "TIMED_OUT", w.path("state").asText());
        awaitContainerGone(lastAttempt(w).path("id").asText());
    }

    @Test
    public void aMemoryHogIsReportedOutOfMemory() {
        String id = submit("x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived ${#x}", "\"memoryMb\":16,\"maxRetries\":0");
        JsonNode w = awaitFinal(id, 60_000);
        // the API shows OOM as a FAILED attempt whose reason says so (docs/agent-protocol.md)
        assertEquals(w.toString(), "FAILED", w.path("state").asText());
        assertTrue(w.toString(), lastAttempt(w).path("reason").asText().contains("out of memory"));
        assertFalse(logs(id).contains("survived"));
    }

    @Test
    public void theSandboxHolds() {
        String id = submit("ip -o link | cut -d: -f2 | tr -d ' '; touch /written 2>/dev/null && echo ROOT-WRITABLE || echo root-read-only",
                "\"maxRetries\":0");
        JsonNode w = awaitFinal(id, 60_000);
        assertEquals(w.toString(), "SUCCEEDED", w.path("state").asText());
        assertEquals("only the loopback interface, and a read-only root", "lo\nroot-read-only\n", logs(id));

        String bomb = submit("b() { b | b & }; b; sleep 2; echo bomb-over", "\"timeoutSeconds\":8,\"maxRetries\":0");
        JsonNode bw = awaitFinal(bomb, 60_000);
        assertTrue(bw.toString(), Set.of("SUCCEEDED", "TIMED_OUT").contains(bw.path("state").asText()));
        assertTrue("the pids limit refused forks", logs(bomb).contains("can't fork"));
        awaitContainerGone(lastAttempt(bw).path("id").asText());
        assertEquals("the machine survived", "ONLINE", member(0).path("state").asText());
        assertEquals("ONLINE", member(1).path("state").asText());
    }

    @Test
    public void aReservedWorkerRunsLsAndIsReleased() {
        String memberId = member(0).path("id").asText();
        Http.Reply r = API.post("/api/v1/reservations", requestor,
                "{\"memberId\":\"" + memberId + "\",\"image\":\"" + IMAGE + "\",\"cpuMillis\":100,\"memoryMb\":64}");
        assertEquals(r.body(), 201, r.status());
        String id = json(r.body()).path("id").asText();
        Wait.until(30_000, "worker " + id + " READY", () -> "READY".equals(json(API.get("/api/v1/reservations/" + id, requestor).body())
                .path("state").asText()), () -> API.get("/api/v1/reservations/" + id, requestor).body());
        assertTrue("its container runs", !containers(id).isEmpty());

        Http.Reply exec = API.post("/api/v1/reservations/" + id + "/exec", requestor, "{\"command\":[\"ls\",\"/\"],\"timeoutSeconds\":20}");
        assertEquals(exec.body(), 200, exec.status());
        JsonNode res = json(exec.body());
        assertEquals(exec.body(), 0, res.path("exitCode").asInt());
        List<String> listing = List.of(res.path("stdout").asText().split("\n"));
        assertTrue(listing.toString(), listing.containsAll(List.of("bin", "etc", "input", "output", "proc", "tmp")));

        Http.Reply rel = API.delete("/api/v1/reservations/" + id, requestor);
        assertEquals(rel.body(), 200, rel.status());
        Wait.until(30_000, "worker " + id + " RELEASED", () -> "RELEASED".equals(json(API.get("/api/v1/reservations/" + id, requestor)
                .body()).path("state").asText()), () -> API.get("/api/v1/reservations/" + id, requestor).body());
        awaitContainerGone(id);
    }

    @Test
    public void aKilledContributorsJobIsLostRunsElsewhereIsCreditedOnceAndItsLateReportIsRefused() throws Exception {
        String id = submit("echo start; sleep 6; echo finished", "\"maxRetries\":2");
        awaitState(id, Set.of("RUNNING"), 60_000);
        JsonNode first = lastAttempt(workload(id));
        String lostMember = first.path("memberId").asText();
        int victim = lostMember.equals(member(0).path("id").asText()) ? 0 : 1;
        String survivor = member(1 - victim).path("id").asText();
        Properties identity = new Properties();
        identity.load(new StringReader(Files.readString(CONTRIBUTORS[victim].home().resolve("data/sharer/member.properties"))));
        assertEquals(lostMember, identity.getProperty("member.id"));

        CONTRIBUTORS[victim].kill();
        JsonNode w = awaitFinal(id, (OFFLINE_AFTER_SECONDS + 60) * 1000L);
        assertEquals(w.toString(), "SUCCEEDED", w.path("state").asText());
        List<String> states = new ArrayList<>();
        w.path("attempts").forEach(a -> states.add(a.path("state").asText() + "@" + a.path("memberId").asText()));
        assertEquals(w.toString(), "LOST@" + lostMember, states.get(0));
        assertEquals(w.toString(), "SUCCEEDED@" + survivor, states.get(states.size() - 1));
        assertTrue(logs(id).contains("finished"));

        String late = "{\"fencingToken\":" + first.path("fencingToken").asLong() + ",\"type\":\"RESULT\",\"outcome\":\"SUCCEEDED\","
                + "\"exitCode\":0,\"cpuSeconds\":500}";
        Http.Reply refused = API.post("/api/v1/agent/attempts/" + first.path("id").asText() + "/events", identity.getProperty("credential"), late);
        assertEquals("a report from the lost attempt is refused: " + refused.body(), 409, refused.status());
        assertEquals("and changes nothing", "LOST", workload(id).path("attempts").get(0).path("state").asText());

        assertEquals("credited once, to the member that completed it", 1, credited(survivor, id) + credited(lostMember, id));
        assertEquals(1, credited(survivor, id));

        CONTRIBUTORS[victim].start();
        awaitOnline(victim);
        awaitContainerGone(first.path("id").asText()); // the restarted agent removes its leftovers
        assertEquals(1, credited(survivor, id) + credited(lostMember, id));
        assertNotEquals(lostMember, survivor);
    }

    private static int credited(String memberId, String workloadId) {
        Http.Reply r = API.get("/api/v1/credits?member=" + memberId, admin);
        assertEquals(r.body(), 200, r.status());
        int n = 0;
        for (JsonNode e : json(r.body()).path("entries")) {
            if (e.path("workloadId").asText().equals(workloadId)) {
                n++;
            }
        }
        return n;
    }
}
