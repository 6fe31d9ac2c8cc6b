package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Our own work is not the owner's: a coordinator and one contributor distribution on this machine, the real
 * Docker engine, the contributor pausing when its owner is busy (threshold 0.8, after 6 s). Two containers
 * burn nearly both cores for 40 s, the coordinator next door is excluded by its {@code karaf.pid}: the machine
 * is busier than the threshold, yet the owner load stays low and the member stays ONLINE throughout; its
 * history (through the API, with the member's own credential too) has no DRAINING. Outside CI it is skipped,
 * saying why, when Docker or the test image is absent.
 */
public class OwnerLoadIT {
    private static final Path WORK = Path.of("target", "owner-load").toAbsolutePath();
    private static final int HTTP = 18981;
    private static final String IMAGE = TestImage.NAME;
    private static final double THRESHOLD = 0.8;
    private static final int BURN_SECONDS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);

    private static Distribution coordinator;
    private static Distribution contributor;
    private static String admin;
    private static String requestor;
    private static String memberId;

    @BeforeClass
    public static void startCluster() throws Exception {
        Assume.assumeTrue(dockerReady());
        coordinator = Distribution.coordinator(WORK, HTTP, 18901)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2");
        admin = coordinator.startCoordinator(API);
        Path pidFile = coordinator.home().resolve("karaf.pid");
        assertTrue("Karaf writes its pid to " + pidFile, Files.isRegularFile(pidFile));
        String joinToken = json(API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":1}").body()).path("token").asText();
        requestor = json(API.post("/api/v1/tokens", admin, "{\"name\":\"bob\",\"role\":\"REQUESTOR\"}").body()).path("token").asText();
        contributor = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor").offline()
                .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", "busy-box")
                .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "true")
                .config("org.sharercloud.contributor.cfg", "owner.active.threshold", Double.toString(THRESHOLD))
                .config("org.sharercloud.contributor.cfg", "owner.active.seconds", "6")
                .config("org.sharercloud.contributor.cfg", "owner.idle.seconds", "6")
                // the coordinator next door and this test's own JVM are ours, not the owner's
                .config("org.sharercloud.contributor.cfg", "exclude.processes", pidFile + "," + ProcessHandle.current().pid())
                .config("org.sharercloud.runtime.docker.cfg", "owner", "it-owner-load");
        contributor.start();
        Wait.until(90_000, "busy-box ONLINE", () -> "ONLINE".equals(member().path("state").asText()), () -> API.get("/api/v1/members", admin).body());
        memberId = member().path("id").asText();
    }

    @AfterClass
    public static void stopCluster() throws Exception {
        if (contributor != null) {
            contributor.stop();
        }
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    @Test
    public void ourBusyContainersDoNotMakeTheOwnerBusy() throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String body = "{\"name\":\"burn-" + i + "\",\"image\":\"" + IMAGE + "\",\"command\":[\"sh\",\"-c\",\"timeout " + BURN_SECONDS
                    + " sh -c 'while :; do :; done'; true\"],\"cpuMillis\":900,\"memoryMb\":32,\"maxRetries\":0}";
            Http.Reply r = API.post("/api/v1/workloads", requestor, body);
            assertEquals(r.body(), 201, r.status());
            jobs.add(json(r.body()).path("id").asText());
        }
        for (String id : jobs) {
            Wait.until(60_000, "job " + id + " RUNNING", () -> "RUNNING".equals(workload(id).path("state").asText()), () -> workload(id).toString());
        }
        double maxCpu = 0;
        double gaps = 0;
        List<String> seen = new ArrayList<>();
        long end = System.currentTimeMillis() + (BURN_SECONDS - 6) * 1000L;
        while (System.currentTimeMillis() < end) {
            JsonNode m = member();
            double cpu = m.path("metrics").path("cpuLoad").asDouble();
            double owner = m.path("metrics").path("ownerLoad").asDouble();
            seen.add(String.format(Locale.ROOT, "%s cpu %.2f owner %.2f", m.path("state").asText(), cpu, owner));
            assertEquals("the member stays ONLINE under our own load; seen: " + seen, "ONLINE", m.path("state").asText());
            maxCpu = Math.max(maxCpu, cpu);
            gaps += cpu - owner;
            Thread.sleep(1000);
        }
        assertTrue("our containers made the machine busier than the threshold (else this proves nothing); seen: " + seen, maxCpu > THRESHOLD);
        double containerCpu = 0;
        for (String id : jobs) {
            Wait.until(60_000, "job " + id + " SUCCEEDED", () -> "SUCCEEDED".equals(workload(id).path("state").asText()), () -> workload(id).toString());
            JsonNode attempts = workload(id).path("attempts");
            containerCpu += attempts.get(attempts.size() - 1).path("cpuSeconds").asDouble();
        }
        // what the engine says the containers used, as a share of the machine while they ran
        double ours = containerCpu / (BURN_SECONDS * member().path("host").path("cores").asDouble());
        double subtracted = gaps / seen.size();
        assertTrue(String.format(Locale.ROOT, "the containers used a real share of the machine: %.2f", ours), ours > 0.2);
        assertTrue(String.format(Locale.ROOT, "machine load minus owner load (%.2f on average) covers what the containers used (%.2f); seen: %s",
                subtracted, ours, seen), subtracted >= 0.7 * ours);

        JsonNode history = json(API.get("/api/v1/members/" + memberId + "/history?limit=100", admin).body());
        for (JsonNode t : history.path("items")) {
            assertTrue("no DRAINING in the history: " + history, !"DRAINING".equals(t.path("to").asText()));
        }
        JsonNode oldest = history.path("items").get(history.path("items").size() - 1);
        assertEquals(history.toString(), "OFFLINE", oldest.path("from").asText());
        assertEquals(history.toString(), "ONLINE", oldest.path("to").asText());
        assertEquals(history.toString(), "joined", oldest.path("reason").asText());
    }

    @Test
    public void theHistoryIsPagedAndOnlyForAdminsAndTheMemberItself() throws Exception {
        assertEquals(200, API.post("/api/v1/members/" + memberId + "/cordon", admin, "").status());
        assertEquals(200, API.post("/api/v1/members/" + memberId + "/uncordon", admin, "").status());
        JsonNode page = json(API.get("/api/v1/members/" + memberId + "/history?limit=1", admin).body());
        assertEquals(page.toString(), 1, page.path("items").size());
        JsonNode newest = page.path("items").get(0);
        assertEquals("uncordoned by an admin", newest.path("reason").asText());
        assertTrue(newest.path("at").asText(), newest.path("at").asText().endsWith("Z"));
        String cursor = page.path("nextCursor").asText();
        JsonNode older = json(API.get("/api/v1/members/" + memberId + "/history?limit=1&cursor=" + cursor, admin).body());
        assertEquals("cordoned by an admin", older.path("items").get(0).path("reason").asText());
        assertTrue(older.path("items").get(0).path("cordoned").asBoolean());

        Properties identity = new Properties();
        identity.load(new StringReader(Files.readString(contributor.home().resolve("data/sharer/member.properties"), StandardCharsets.UTF_8)));
        Http.Reply own = API.get("/api/v1/members/" + memberId + "/history", identity.getProperty("credential"));
        assertEquals(own.body(), 200, own.status());
        Http.Reply requestorTry = API.get("/api/v1/members/" + memberId + "/history", requestor);
        assertEquals(requestorTry.body(), 403, requestorTry.status());
        Http.Reply bad = API.get("/api/v1/members/" + memberId + "/history?limit=0", admin);
        assertEquals(bad.body(), 400, bad.status());
        assertEquals("limit", json(bad.body()).path("field").asText());
        Http.Reply badCursor = API.get("/api/v1/members/" + memberId + "/history?cursor=xyz", admin);
        assertEquals("cursor", json(badCursor.body()).path("field").asText());
        assertEquals(404, API.get("/api/v1/members/nobody/history", admin).status());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static boolean dockerReady() throws Exception {
        return TestImage.runnable("OwnerLoadIT", "Docker", TestImage.missing());
    }

    private static JsonNode member() {
        for (JsonNode m : json(API.get("/api/v1/members", admin).body())) {
            if ("busy-box".equals(m.path("name").asText())) {
                return m;
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode workload(String id) {
        return json(API.get("/api/v1/workloads/" + id, requestor).body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
