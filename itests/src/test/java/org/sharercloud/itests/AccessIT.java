package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Identity and access attacked on the real coordinator and a real contributor, as processes: a join with a
 * victim's machine id takes nothing over, token names are unique, expiry, revocation and rotation take effect at
 * once (over HTTP and in the console), and a token may set no higher priority than an admin granted it.
 */
public class AccessIT {
    private static final Path WORK = Path.of("target", "access").toAbsolutePath();
    private static final int HTTP = 18681;
    private static final int SSH = 18601;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);

    private static Distribution coordinator;
    private static Distribution contributor;
    private static String admin;
    private static String joinToken;

    @BeforeClass
    public static void start() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, SSH)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2")
                .config("org.sharercloud.workloads.cfg", "max.active.per.owner", "3");
        admin = coordinator.startCoordinator(API);
        Http.Reply jt = API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":20}");
        assertEquals(jt.body(), 201, jt.status());
        joinToken = json(jt.body()).path("token").asText();
        contributor = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor").offline()
                .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", "victim")
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false");
        contributor.start();
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

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static JsonNode victim() {
        Wait.until(90_000, "the contributor joined and is ONLINE", () -> {
            JsonNode all = json(API.get("/api/v1/members?search=victim", admin).body());
            return all.size() == 1 && "ONLINE".equals(all.get(0).path("state").asText());
        }, () -> API.get("/api/v1/members", admin).body());
        return json(API.get("/api/v1/members?search=victim", admin).body()).get(0);
    }

    private static Properties identity() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(contributor.home().resolve("data/sharer/member.properties"), StandardCharsets.UTF_8)));
        return p;
    }

    private static String join(String machineId, String credential) {
        String host = "{\"machineId\":\"" + machineId + "\",\"hostname\":\"intruder\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":64,"
                + "\"memoryMb\":262144,\"diskMb\":1000000,\"dockerAvailable\":true,\"labels\":{}}";
        return "{\"joinToken\":\"" + joinToken + "\",\"name\":\"intruder\",\"host\":" + host
                + (credential == null ? "" : ",\"credential\":\"" + credential + "\"") + "}";
    }

    @Test
    public void aJoinWithAVictimsMachineIdButWithoutItsCredentialIsANewMemberAndTheVictimKeepsItsIdentity() throws Exception {
        JsonNode victim = victim();
        String victimId = victim.path("id").asText();
        String machineId = victim.path("host").path("machineId").asText();
        assertFalse(machineId.isBlank());

        for (String credential : new String[] {null, "m." + victimId + ".guessed"}) {
            Http.Reply r = API.post("/api/v1/agent/join", null, join(machineId, credential));
            assertEquals(r.body(), 201, r.status());
            JsonNode intruder = json(r.body());
            assertNotEquals("no takeover with credential " + credential, victimId, intruder.path("memberId").asText());
            String stolen = intruder.path("credential").asText();
            assertEquals("the intruder sees nothing of the victim's", 403, API.get("/api/v1/members/" + victimId + "/attempts", stolen).status());
            assertEquals(403, API.get("/api/v1/members/" + victimId + "/history", stolen).status());
            assertEquals(204, API.delete("/api/v1/members/" + intruder.path("memberId").asText(), admin).status());
        }
        // the victim's agent keeps its credential: still heartbeating as the same member, not re-joined
        String credential = identity().getProperty("credential");
        assertEquals(victimId, identity().getProperty("member.id"));
        long before = Instant.now().toEpochMilli();
        Wait.until(15_000, "a heartbeat of the victim after the attempts", () -> {
            JsonNode m = json(API.get("/api/v1/members/" + victimId, admin).body());
            JsonNode seen = m.path("lastSeen");
            return (seen.isNumber() ? seen.asLong() : Instant.parse(seen.asText()).toEpochMilli()) > before + 1000;
        }, () -> API.get("/api/v1/members/" + victimId, admin).body());
        assertEquals("ONLINE", json(API.get("/api/v1/members/" + victimId, admin).body()).path("state").asText());
        assertEquals(credential, identity().getProperty("credential"));
        assertEquals(200, API.get("/api/v1/agent/assignments?waitSeconds=0", credential).status());
        assertFalse("no second join of the victim's agent", contributor.log().contains("no longer knows member"));
    }

    @Test
    public void metricsShowEachMembersLoadOnlyToAnAdmin() {
        String id = victim().path("id").asText();
        Wait.until(30_000, "the victim's load on /metrics for an admin",
                () -> API.get("/metrics", admin).body().contains("sharer_member_owner_load{member=\"" + id + "\"}"),
                () -> API.get("/metrics", admin).body());
        Http.Reply anonymous = API.get("/metrics", null);
        assertEquals(200, anonymous.status());
        assertTrue(anonymous.body(), anonymous.body().contains("sharer_store_pool_max"));
        assertFalse(anonymous.body(), anonymous.body().contains("sharer_member_owner_load") || anonymous.body().contains(id));
        String requestor = json(API.post("/api/v1/tokens", admin, "{\"name\":\"metrics-reader\"}").body()).path("token").asText();
        assertFalse(API.get("/metrics", requestor).body().contains("sharer_member_"));
        assertEquals(401, API.get("/metrics", "sc_req_not-a-token").status());
    }

    @Test
    public void aJoinThatProvesTheCredentialKeepsTheMemberAndTheOldCredentialStops() {
        JsonNode first = json(API.post("/api/v1/agent/join", null, join("machine-proof", null)).body());
        String id = first.path("memberId").asText();
        String old = first.path("credential").asText();
        Http.Reply again = API.post("/api/v1/agent/join", null, join("machine-proof", old));
        assertEquals(again.body(), 201, again.status());
        assertEquals(id, json(again.body()).path("memberId").asText());
        assertEquals("the old credential stops at once", 401, API.get("/api/v1/agent/assignments?waitSeconds=0", old).status());
        String fresh = json(again.body()).path("credential").asText();
        assertEquals(200, API.get("/api/v1/agent/assignments?waitSeconds=0", fresh).status());
        Http.Reply otherMachine = API.post("/api/v1/agent/join", null, join("machine-elsewhere", fresh));
        assertNotEquals("a credential proves nothing for another machine id", id, json(otherMachine.body()).path("memberId").asText());
        assertEquals(204, API.delete("/api/v1/members/" + id, admin).status());
        assertEquals(204, API.delete("/api/v1/members/" + json(otherMachine.body()).path("memberId").asText(), admin).status());
    }

    @Test
    public void tokenNamesAreUniqueForGoodAndTheConsoleSaysSo() throws Exception {
        Http.Reply first = API.post("/api/v1/tokens", admin, "{\"name\":\"alice\"}");
        assertEquals(first.body(), 201, first.status());
        for (String name : List.of("alice", "ALICE", "console", "admin")) {
            Http.Reply dup = API.post("/api/v1/tokens", admin, "{\"name\":\"" + name + "\"}");
            assertEquals(dup.body(), 409, dup.status());
            assertEquals(409, json(dup.body()).path("status").asInt());
        }
        assertEquals(200, API.delete("/api/v1/tokens/" + json(first.body()).path("id").asText(), admin).status());
        assertEquals("a revoked name stays taken (it owns its workloads)", 409, API.post("/api/v1/tokens", admin, "{\"name\":\"alice\"}").status());
        List<String> out = console("sharer:token-create --json gus", "sharer:token-create gus");
        assertEquals("gus", Console.jsonLine(out.get(0)).path("name").asText());
        assertTrue(out.get(1), out.get(1).strip().startsWith("Error: ") && out.get(1).contains("gus"));
        assertFalse(out.get(1), out.get(1).contains("Exception"));
        // the console logged in with the password, yet users.properties holds only its hash
        String password = Files.readString(coordinator.home().resolve("data/sharer/console.password")).strip();
        String users = Files.readString(coordinator.home().resolve("etc/users.properties"));
        assertFalse("no plaintext console password", users.contains(password));
        assertTrue(users, users.matches("(?s).*admin = \\{CRYPT\\}[0-9a-fA-F]{64}\\{CRYPT\\},_g_:admingroup.*"));
    }

    @Test
    public void revocationAndRotationTakeEffectAtOnceAndExpiryEndsAToken() throws Exception {
        JsonNode bob = json(API.post("/api/v1/tokens", admin, "{\"name\":\"bob\"}").body());
        String secret = bob.path("token").asText();
        assertEquals(200, API.get("/api/v1/me", secret).status());
        JsonNode rotated = json(API.post("/api/v1/tokens/" + bob.path("id").asText() + "/rotate", admin, "").body());
        assertEquals(bob.path("id").asText(), rotated.path("id").asText());
        assertEquals("the old secret stops at once (it was cached)", 401, API.get("/api/v1/me", secret).status());
        assertEquals("bob", json(API.get("/api/v1/me", rotated.path("token").asText()).body()).path("subject").asText());
        assertEquals(200, API.delete("/api/v1/tokens/" + bob.path("id").asText(), admin).status());
        assertEquals("revoked at once", 401, API.get("/api/v1/me", rotated.path("token").asText()).status());
        assertEquals(409, API.post("/api/v1/tokens/" + bob.path("id").asText() + "/rotate", admin, "").status());
        assertEquals(404, API.post("/api/v1/tokens/nope/rotate", admin, "").status());

        Http.Reply past = API.post("/api/v1/tokens", admin, "{\"name\":\"carol\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
        assertEquals(past.body(), 400, past.status());
        assertEquals("expiresAt", json(past.body()).path("field").asText());
        Http.Reply garbled = API.post("/api/v1/tokens", admin, "{\"name\":\"carol\",\"expiresAt\":\"tomorrow\"}");
        assertEquals("expiresAt", json(garbled.body()).path("field").asText());
        String soon = Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        JsonNode carol = json(API.post("/api/v1/tokens", admin, "{\"name\":\"carol\",\"expiresAt\":\"" + soon + "\"}").body());
        assertEquals(soon, carol.path("expiresAt").asText());
        String carolSecret = carol.path("token").asText();
        assertEquals(200, API.get("/api/v1/me", carolSecret).status());
        Wait.until(15_000, "carol's token to expire", () -> API.get("/api/v1/me", carolSecret).status() == 401);
        JsonNode listed = null;
        for (JsonNode t : json(API.get("/api/v1/tokens", admin).body())) {
            if ("carol".equals(t.path("name").asText())) {
                listed = t;
            }
        }
        assertEquals(soon, listed.path("expiresAt").asText());

        // the console rotates too, and prints the new secret once
        JsonNode dan = json(API.post("/api/v1/tokens", admin, "{\"name\":\"dan\"}").body());
        List<String> out = console("sharer:token-rotate --json " + dan.path("id").asText(), "sharer:token-rotate nope");
        String fresh = Console.jsonLine(out.get(0)).path("token").asText();
        assertEquals(401, API.get("/api/v1/me", dan.path("token").asText()).status());
        assertEquals(200, API.get("/api/v1/me", fresh).status());
        assertTrue(out.get(1), out.get(1).strip().startsWith("Error: "));
    }

    @Test
    public void aRequestorWithTooManyUnfinishedWorkloadsGets429WithRetryAfterUntilOneIsCancelled() {
        String quota = json(API.post("/api/v1/tokens", admin, "{\"name\":\"quota-user\"}").body()).path("token").asText();
        // constrained to a label no member has: they stay PENDING
        String spec = "{\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],\"constraints\":{\"nowhere\":\"true\"}}";
        String first = null;
        for (int i = 0; i < 3; i++) {
            Http.Reply r = API.post("/api/v1/workloads", quota, spec);
            assertEquals(r.body(), 201, r.status());
            first = first == null ? json(r.body()).path("id").asText() : first;
        }
        Http.Reply over = API.post("/api/v1/workloads", quota, spec);
        assertEquals(over.body(), 429, over.status());
        assertTrue(over.body(), json(over.body()).path("error").asText().contains("3 unfinished workloads"));
        assertEquals(3, json(API.get("/api/v1/workloads", quota).body()).size());
        String[] raw = new String[1];
        try {
            raw = from("127.0.0.1", "POST", "/api/v1/workloads", quota, spec);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("429", raw[0]);
        assertEquals("30", raw[1]);
        assertEquals(200, API.delete("/api/v1/workloads/" + first, quota).status());
        assertEquals(201, API.post("/api/v1/workloads", quota, spec).status());
        for (JsonNode w : json(API.get("/api/v1/workloads", quota).body())) {
            API.delete("/api/v1/workloads/" + w.path("id").asText(), quota);
        }
    }

    @Test
    public void aRequestorMaySetNoHigherPriorityThanItsGrant() {
        String plain = json(API.post("/api/v1/tokens", admin, "{\"name\":\"erin\"}").body()).path("token").asText();
        String granted = json(API.post("/api/v1/tokens", admin, "{\"name\":\"frank\",\"maxPriority\":100}").body()).path("token").asText();
        String spec = "{\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],\"cpuMillis\":10,\"memoryMb\":16,\"priority\":%d}";
        Http.Reply refused = API.post("/api/v1/workloads", plain, String.format(spec, 1));
        assertEquals(refused.body(), 403, refused.status());
        assertEquals("priority", json(refused.body()).path("field").asText());
        assertTrue(json(API.get("/api/v1/workloads", plain).body()).isEmpty());
        assertEquals(201, API.post("/api/v1/workloads", plain, String.format(spec, 0)).status());
        assertEquals(201, API.post("/api/v1/workloads", granted, String.format(spec, 100)).status());
        Http.Reply above = API.post("/api/v1/workloads", granted, String.format(spec, 101));
        assertEquals(above.body(), 403, above.status());
        assertEquals("priority", json(above.body()).path("field").asText());
        assertEquals(201, API.post("/api/v1/workloads", admin, String.format(spec, 1000)).status());
        Http.Reply badGrant = API.post("/api/v1/tokens", admin, "{\"name\":\"gina\",\"maxPriority\":1001}");
        assertEquals("maxPriority", json(badGrant.body()).path("field").asText());
        for (JsonNode w : json(API.get("/api/v1/workloads", admin).body())) {
            API.delete("/api/v1/workloads/" + w.path("id").asText(), admin);
        }
    }

    /** One HTTP/1.1 request from a chosen loopback address (so that this test's failures block no other test). */
    private static String[] from(String localAddress, String method, String path, String token, String body) throws IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(localAddress, 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", HTTP), 5000);
            s.setSoTimeout(15_000);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + payload.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = answer.substring(9, 12);
            java.util.regex.Matcher retry = java.util.regex.Pattern.compile("(?im)^Retry-After:\\s*(\\d+)").matcher(answer);
            return new String[] {status, retry.find() ? retry.group(1) : null, answer};
        }
    }

    @Test
    public void anAddressThatFailsAuthenticationTooOftenGets429WithRetryAfterEvenWithAGoodToken() throws Exception {
        String attacker = "127.0.0.7";
        int failures = 0;
        String[] r;
        do {
            r = from(attacker, "GET", "/api/v1/me", "sc_req_guess" + failures, null);
            failures++;
        } while ("401".equals(r[0]) && failures < 100);
        assertEquals(r[2], "429", r[0]);
        // 30 at once, refilled at one every 2 s while the loop runs
        assertTrue("the default budget is 30 failures at once: " + failures, failures >= 31 && failures <= 35);
        assertTrue(r[2], Integer.parseInt(r[1]) >= 1 && Integer.parseInt(r[1]) <= 60);
        assertTrue(r[2], r[2].contains("\"status\":429"));
        assertEquals("a good token from that address waits too", "429", from(attacker, "GET", "/api/v1/me", admin, null)[0]);
        String[] beat = from(attacker, "POST", "/api/v1/agent/heartbeat", "m.x.y", "{}");
        assertEquals(beat[2], "429", beat[0]);
        assertTrue(beat[2], beat[1] != null);
        String[] joinFrom = from(attacker, "POST", "/api/v1/agent/join", null, "{\"joinToken\":\"nope\"}");
        assertEquals(joinFrom[2], "429", joinFrom[0]);
        assertEquals("other addresses are not affected", 200, API.get("/api/v1/me", admin).status());
        assertEquals("200", from("127.0.0.8", "GET", "/api/v1/me", admin, null)[0]);
    }

    private static List<String> console(String... commands) throws Exception {
        List<String> outputs = Console.batch(coordinator, SSH, Console.password(coordinator), 90, List.of(commands));
        assertEquals("one output per command: " + outputs, commands.length, outputs.size());
        return outputs;
    }
}
