package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A coordinator and two real contributor distributions on this machine, as processes: both join and
 * appear ONLINE with real metrics; one is killed and turns SUSPECT then OFFLINE within the
 * configured timeouts, restarts and comes back as the same member; metric history and /metrics show
 * them; bad agents get clear 4xx answers.
 */
public class ClusterIT {
    private static final Path WORK = Path.of("target", "cluster").toAbsolutePath();
    private static final int HTTP = 18481;
    private static final int HEARTBEAT_SECONDS = 2;
    private static final int SUSPECT_AFTER_MISSED = 2;
    private static final int OFFLINE_AFTER_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Distribution coordinator;
    private static final Distribution[] CONTRIBUTORS = new Distribution[2];
    private static final Http HTTP_CLIENT = new Http(HTTP);
    private static String admin;
    private static String joinToken;

    @BeforeClass
    public static void startCluster() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, 18401)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", Integer.toString(HEARTBEAT_SECONDS))
                .config("org.sharercloud.members.cfg", "suspect.after.missed", Integer.toString(SUSPECT_AFTER_MISSED))
                .config("org.sharercloud.members.cfg", "offline.after.seconds", Integer.toString(OFFLINE_AFTER_SECONDS));
        admin = coordinator.startCoordinator(HTTP_CLIENT);
        Http.Reply jt = HTTP_CLIENT.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":10}");
        assertEquals(jt.body(), 201, jt.status());
        joinToken = json(jt.body()).path("token").asText();
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            CONTRIBUTORS[i] = contributor(i);
            CONTRIBUTORS[i].start();
        }
    }

    private static Distribution contributor(int i) throws Exception {
        return Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor-" + i).offline()
                .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", "volunteer-" + i)
                // the build machine is busy: do not let its load drain the members during the test
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false");
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

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static Map<String, JsonNode> membersByName() {
        Map<String, JsonNode> byName = new HashMap<>();
        Http.Reply r = HTTP_CLIENT.get("/api/v1/members", admin);
        if (r.status() == 200) {
            json(r.body()).forEach(m -> byName.put(m.path("name").asText(), m));
        }
        return byName;
    }

    private static String state(String name) {
        JsonNode m = membersByName().get(name);
        return m == null ? "absent" : m.path("state").asText();
    }

    /** ONLINE and its first heartbeat's metrics received (a join alone makes a member ONLINE). */
    private static void awaitOnline(String name) {
        Wait.until(90_000, name + " ONLINE with metrics", () -> {
            JsonNode m = membersByName().get(name);
            return m != null && "ONLINE".equals(m.path("state").asText()) && m.path("metrics").isObject();
        }, () -> HTTP_CLIENT.get("/api/v1/members", admin).body());
    }

    @Test
    public void contributorsJoinReportRealMetricsAndAreRecoveredAsTheSameMember() throws Exception {
        awaitOnline("volunteer-0");
        awaitOnline("volunteer-1");
        Map<String, JsonNode> members = membersByName();
        JsonNode v0 = members.get("volunteer-0");
        JsonNode v1 = members.get("volunteer-1");
        assertFalse("two distinct members", v0.path("id").asText().equals(v1.path("id").asText()));
        int cores = Runtime.getRuntime().availableProcessors();
        for (JsonNode m : new JsonNode[] {v0, v1}) {
            assertEquals("real core count", cores, m.path("host").path("cores").asInt());
            assertTrue(m.toString(), m.path("host").path("memoryMb").asLong() > 256);
            assertTrue(m.toString(), m.path("metrics").path("memoryTotalMb").asLong() > 256);
            double load = m.path("metrics").path("cpuLoad").asDouble(-1);
            assertTrue("cpu load in 0..1: " + m, load >= 0 && load <= 1);
            assertTrue(m.toString(), m.path("capacity").path("cpuMillisTotal").asLong() > 0);
        }

        String id1 = v1.path("id").asText();
        CONTRIBUTORS[1].kill();
        long killedAt = System.currentTimeMillis();
        Wait.until((SUSPECT_AFTER_MISSED + 2) * HEARTBEAT_SECONDS * 1000L + 5_000, "killed member SUSPECT",
                () -> !"ONLINE".equals(state("volunteer-1")), () -> state("volunteer-1"));
        Wait.until(OFFLINE_AFTER_SECONDS * 1000L + 8_000, "killed member OFFLINE", () -> "OFFLINE".equals(state("volunteer-1")),
                () -> state("volunteer-1"));
        long offlineAfter = System.currentTimeMillis() - killedAt;
        assertTrue("OFFLINE no earlier than the configured timeout minus one heartbeat (" + offlineAfter + " ms)",
                offlineAfter >= (OFFLINE_AFTER_SECONDS - HEARTBEAT_SECONDS) * 1000L);
        assertEquals("the other member is unaffected", "ONLINE", state("volunteer-0"));

        CONTRIBUTORS[1].start();
        awaitOnline("volunteer-1");
        assertEquals("the restarted machine comes back as the same member", id1, membersByName().get("volunteer-1").path("id").asText());
        assertEquals("no duplicate member", 2, membersByName().size());
    }

    @Test
    public void metricHistoryAndPrometheusShowTheMembers() {
        awaitOnline("volunteer-0");
        String id = membersByName().get("volunteer-0").path("id").asText();
        Wait.until(60_000, "metric history for " + id, () -> {
            Http.Reply r = HTTP_CLIENT.get("/api/v1/members/" + id + "/metrics?step=PT5S", admin);
            return r.status() == 200 && json(r.body()).size() > 0;
        }, () -> HTTP_CLIENT.get("/api/v1/members/" + id + "/metrics?step=PT5S", admin).body());
        JsonNode point = json(HTTP_CLIENT.get("/api/v1/members/" + id + "/metrics?step=PT5S", admin).body()).get(0);
        assertTrue(point.toString(), point.path("samples").asInt() >= 1);
        Http.Reply prom = HTTP_CLIENT.get("/metrics", admin); // per-member series need an admin token
        assertEquals(200, prom.status());
        assertTrue(prom.contentType(), prom.contentType().startsWith("text/plain"));
        assertTrue(prom.body(), prom.body().contains("sharer_heartbeats_total"));
        assertTrue(prom.body(), prom.body().matches("(?s).*sharer_member_cpu_load\\{[^}]*" + id + "[^}]*\\}.*"));
        assertTrue(prom.body(), prom.body().matches("(?s).*sharer_members\\{state=\"ONLINE\"\\} [1-9].*"));
    }

    @Test
    public void badAgentsGetClearErrors() {
        Http.Reply unknownToken = HTTP_CLIENT.post("/api/v1/agent/join", null, "{\"joinToken\":\"nope\",\"name\":\"x\",\"host\":"
                + "{\"machineId\":\"m-x\",\"hostname\":\"x\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":2,\"memoryMb\":1024,\"diskMb\":1,"
                + "\"dockerAvailable\":false,\"labels\":{}},\"policy\":null}");
        assertEquals(unknownToken.body(), 401, unknownToken.status());
        Http.Reply negativeCores = HTTP_CLIENT.post("/api/v1/agent/join", null, "{\"joinToken\":\"" + joinToken + "\",\"name\":\"x\",\"host\":"
                + "{\"machineId\":\"m-y\",\"hostname\":\"x\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":-2,\"memoryMb\":1024,\"diskMb\":1,"
                + "\"dockerAvailable\":false,\"labels\":{}},\"policy\":null}");
        assertEquals(negativeCores.body(), 400, negativeCores.status());
        assertTrue(negativeCores.body(), json(negativeCores.body()).path("field").asText().contains("cores"));
        Http.Reply unknownMember = HTTP_CLIENT.post("/api/v1/agent/heartbeat", "m.nobody.secret",
                "{\"metrics\":{\"cpuLoad\":0.1,\"ownerLoad\":0.1,\"memoryUsedMb\":1,\"memoryTotalMb\":2,\"diskFreeMb\":1,\"uptimeSeconds\":1}}");
        assertEquals(unknownMember.body(), 401, unknownMember.status());
    }
}
