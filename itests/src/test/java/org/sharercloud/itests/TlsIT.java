package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTPS through the real parts: a coordinator distribution set up with its own {@code bin/sharer-tls selfsigned}
 * (a fresh self-signed key store in {@code etc/}, made by the JDK's keytool) serving HTTPS on loopback; a contributor
 * distribution that joined over plain http moves to https with the printed fingerprint as {@code coordinator.pin},
 * keeping its member id, and heartbeats over TLS; a contributor with a wrong pin is refused during the handshake, says
 * why in one line (the fingerprint it saw, the setting to change), and the coordinator sees no join, until the pin is
 * fixed; a new certificate with plain http turned off is refused by the pinned agent, and plain http is gone.
 */
public class TlsIT {
    private static final Path WORK = Path.of("target", "tls").toAbsolutePath();
    private static final int HTTP = 19381;
    private static final int HTTPS = 19343;
    private static final int SSH = 19301;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FINGERPRINT = Pattern.compile("coordinator\\.pin = ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

    private static Distribution coordinator;
    private static Distribution pinned;
    private static Distribution wrong;
    private static String fingerprint;
    private static Http api;
    private static String admin;

    @BeforeClass
    public static void start() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, SSH).config("org.sharercloud.members.cfg", "heartbeat.seconds", "2");
        fingerprint = selfSigned(false);
        admin = coordinator.startCoordinator(new Http(HTTP));
        api = new Http(HTTPS, trusting(coordinator.home().resolve("etc/sharer-tls.pem")));
        Wait.until(60_000, "health 200 over https", () -> api.get("/api/v1/health", null).status() == 200,
                () -> api.get("/api/v1/health", null).body());
    }

    @AfterClass
    public static void stop() throws Exception {
        for (Distribution d : new Distribution[] {pinned, wrong, coordinator}) {
            if (d != null) {
                d.stop();
            }
        }
    }

    @Test
    public void aPinnedContributorMovesFromHttpToHttpsKeepingItsIdentityAWrongPinSendsNothingAndANewCertificateIsRefused()
            throws Exception {
        // the set-up's secrets are the owner's only; the certificate is public
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(coordinator.home().resolve("etc/sharer-tls.p12")));
        Path webCfg = coordinator.home().resolve("etc/org.ops4j.pax.web.cfg");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(webCfg));
        assertTrue(Files.readString(webCfg).contains("org.ops4j.pax.web.ssl.keystore.password = "));
        // what bin/sharer-tls printed is the certificate the coordinator serves: a client trusting only that PEM is served
        assertEquals(fingerprint, run(coordinator.home(), "bin/sharer-tls", "fingerprint").strip());
        assertTrue(api.get("/api/v1/health", null).body().contains("\"status\""));

        // 1. a contributor joins over plain http ...
        String token = joinToken(5).path("token").asText();
        pinned = Distribution.unpack(Distribution.contributorTarGz(), WORK, "pinned").offline()
                .env("SHARER_JOIN_TOKEN", token)
                .config("org.sharercloud.contributor.cfg", "coordinator.url", "http://127.0.0.1:" + HTTP)
                .config("org.sharercloud.contributor.cfg", "name", "pinned")
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false");
        pinned.start();
        String memberId = online("pinned").path("id").asText();
        pinned.stop();

        // 2. ... then moves to https with the pin: the same member, heartbeating over TLS
        pinned.config("org.sharercloud.contributor.cfg", "coordinator.url", "https://127.0.0.1:" + HTTPS)
                .config("org.sharercloud.contributor.cfg", "coordinator.pin", fingerprint);
        long restarted = Instant.now().toEpochMilli();
        pinned.start();
        Wait.until(90_000, "the contributor saved its identity for the https URL",
                () -> "https://127.0.0.1:%d".formatted(HTTPS).equals(identity(pinned).getProperty("coordinator.url")),
                () -> log(pinned));
        assertEquals("the http -> https move keeps the member", memberId, identity(pinned).getProperty("member.id"));
        heartbeatsAfter(memberId, restarted);
        assertEquals(1, members("pinned").size());
        assertTrue(log(pinned), log(pinned).contains("TLS, pinned to SHA-256 " + fingerprint.replace(":", "")));
        assertFalse("no plain-http warning for https", log(pinned).contains("SECURITY WARNING"));

        // 3. a wrong pin: refused in the handshake, one line saying what it saw and what to change, and no join
        JsonNode wrongToken = joinToken(1);
        wrong = Distribution.unpack(Distribution.contributorTarGz(), WORK, "wrong").offline()
                .env("SHARER_JOIN_TOKEN", wrongToken.path("token").asText())
                .config("org.sharercloud.contributor.cfg", "coordinator.url", "https://127.0.0.1:" + HTTPS)
                .config("org.sharercloud.contributor.cfg", "coordinator.pin", "AB:".repeat(31) + "AB")
                .config("org.sharercloud.contributor.cfg", "name", "wrong-pin")
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false");
        wrong.start();
        String expected = "The coordinator's certificate does not match coordinator.pin; nothing was sent. It presented SHA-256 " + fingerprint;
        Wait.until(90_000, "the refusal in the wrong-pin agent's log", () -> log(wrong).contains(expected), () -> log(wrong));
        String line = log(wrong).lines().filter(l -> l.contains(expected)).findFirst().orElseThrow();
        assertTrue(line, line.contains("ERROR"));
        assertTrue(line, line.contains("set coordinator.pin = " + fingerprint + " in etc/org.sharercloud.contributor.cfg"));
        assertTrue(members("wrong-pin").isEmpty());
        assertFalse("the coordinator saw no join from it", coordinator.log().contains("(wrong-pin) joined"));
        assertEquals("its join token is unused", 1, joinTokenInfo(wrongToken.path("id").asText()).path("usesLeft").asInt());
        assertFalse(Files.exists(wrong.home().resolve("data/sharer/member.properties")));

        // ... until its owner sets the fingerprint the line gave (the agent restarts on the change)
        wrong.config("org.sharercloud.contributor.cfg", "coordinator.pin", fingerprint.replace(":", "").toLowerCase());
        online("wrong-pin");
        wrong.stop();

        // 4. a new certificate, plain http off: plain http is gone, and the pinned agent refuses the new certificate
        coordinator.stop();
        String renewed = selfSigned(true);
        assertFalse(renewed.equals(fingerprint));
        long before = Instant.now().toEpochMilli();
        coordinator.start();
        api = new Http(HTTPS, trusting(coordinator.home().resolve("etc/sharer-tls.pem")));
        Wait.until(120_000, "health 200 over https with the new certificate", () -> api.get("/api/v1/health", null).status() == 200,
                () -> api.get("/api/v1/health", null).body());
        assertEquals("plain http is off", -1, new Http(HTTP).get("/api/v1/health", null).status());
        Wait.until(90_000, "the pinned agent refuses the new certificate",
                () -> log(pinned).contains("does not match coordinator.pin; nothing was sent. It presented SHA-256 " + renewed),
                () -> log(pinned));
        JsonNode member = JSON.readTree(api.get("/api/v1/members/" + memberId, admin).body());
        assertTrue("no heartbeat through the new certificate: " + member, seen(member) < before);
    }

    /** Runs the distribution's {@code bin/sharer-tls selfsigned} for 127.0.0.1 and returns the fingerprint it printed. */
    private static String selfSigned(boolean httpOff) throws Exception {
        String out = httpOff
                ? run(coordinator.home(), "bin/sharer-tls", "selfsigned", "--host", "127.0.0.1", "--port", Integer.toString(HTTPS), "--force", "--http-off")
                : run(coordinator.home(), "bin/sharer-tls", "selfsigned", "--host", "127.0.0.1", "--port", Integer.toString(HTTPS));
        Matcher m = FINGERPRINT.matcher(out);
        assertTrue(out, m.find());
        assertTrue(out, out.contains("coordinator.url = https://127.0.0.1:" + HTTPS));
        return m.group(1);
    }

    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** A TLS context trusting only the given PEM certificate (what an operator's browser would be told to trust). */
    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            anchors.setCertificateEntry("coordinator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, f.getTrustManagers(), null);
        return tls;
    }

    /** A new join token: {@code id} and {@code token}. */
    private static JsonNode joinToken(int uses) throws IOException {
        Http.Reply r = api.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":" + uses + "}");
        assertEquals(r.body(), 201, r.status());
        return JSON.readTree(r.body());
    }

    /** The listing's entry (uses, usesLeft) of the join token minted with this id. */
    private static JsonNode joinTokenInfo(String id) throws IOException {
        for (JsonNode t : JSON.readTree(api.get("/api/v1/join-tokens", admin).body())) {
            if (id.equals(t.path("id").asText())) {
                return t;
            }
        }
        throw new AssertionError("no join token " + id + " in " + api.get("/api/v1/join-tokens", admin).body());
    }

    private static List<JsonNode> members(String name) {
        try {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (JsonNode m : JSON.readTree(api.get("/api/v1/members?search=" + name, admin).body())) {
                if (name.equals(m.path("name").asText())) {
                    out.add(m);
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode online(String name) {
        Wait.until(90_000, name + " joined and is ONLINE",
                () -> members(name).size() == 1 && "ONLINE".equals(members(name).get(0).path("state").asText()),
                () -> api.get("/api/v1/members", admin).body());
        return members(name).get(0);
    }

    private static void heartbeatsAfter(String memberId, long after) {
        Wait.until(60_000, "heartbeats of " + memberId + " over https", () -> {
            try {
                return seen(JSON.readTree(api.get("/api/v1/members/" + memberId, admin).body())) > after + 2000;
            } catch (IOException e) {
                return false;
            }
        }, () -> api.get("/api/v1/members/" + memberId, admin).body());
    }

    private static long seen(JsonNode member) {
        JsonNode seen = member.path("lastSeen");
        return seen.isNumber() ? seen.asLong() : Instant.parse(seen.asText()).toEpochMilli();
    }

    private static Properties identity(Distribution d) {
        Properties p = new Properties();
        try {
            Path f = d.home().resolve("data/sharer/member.properties");
            if (Files.exists(f)) {
                p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    private static String log(Distribution d) {
        try {
            return d.log();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
