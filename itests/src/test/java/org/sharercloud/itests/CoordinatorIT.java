package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the built coordinator distribution once (by its Maven coordinates) and walks it: bundles,
 * health, authentication, tokens, the {@code sharer:status} command over the real SSH console, and
 * hot swap of every module bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoordinatorIT {
    static final int HTTP = 18181;
    static final int SSH = 18101;
    static final List<String> MODULES = List.of("store", "members", "workloads", "scheduler", "forecast", "monitoring", "runtime");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BundleContext context;

    private final Http http = new Http(HTTP);

    @Configuration
    public Option[] config() {
        return Exam.distribution("org.sharercloud", "sharer-coordinator", Exam.version(), HTTP, SSH);
    }

    private JsonNode healthWhenAnswering() {
        Wait.until(60_000, "GET /api/v1/health to answer", () -> http.get("/api/v1/health", null).status() > 0);
        return json(http.get("/api/v1/health", null).body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private void awaitAllUp() {
        Wait.until(60_000, "health 200 with every module UP", () -> http.get("/api/v1/health", null).status() == 200,
                () -> http.get("/api/v1/health", null).body());
    }

    private String adminToken() throws IOException {
        return Files.readString(Path.of(System.getProperty("karaf.data"), "sharer", "admin.token")).strip();
    }

    @Test
    public void everySharerBundleIsActive() {
        Set<String> expected = new TreeSet<>(List.of("org.sharercloud.api", "org.sharercloud.store", "org.sharercloud.members",
                "org.sharercloud.workloads", "org.sharercloud.scheduler", "org.sharercloud.forecast", "org.sharercloud.monitoring",
                "org.sharercloud.runtime", "org.sharercloud.portal", "org.sharercloud.simulator"));
        Wait.until(60_000, "every sharer bundle ACTIVE", () -> sharerBundles().values().stream().allMatch(s -> s == Bundle.ACTIVE)
                && sharerBundles().keySet().equals(expected), () -> sharerBundles().toString());
        assertEquals(expected, sharerBundles().keySet());
    }

    private Map<String, Integer> sharerBundles() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().startsWith("org.sharercloud."))
                .collect(Collectors.toMap(Bundle::getSymbolicName, Bundle::getState, (a, b) -> a, java.util.TreeMap::new));
    }

    @Test
    public void healthIsUpWithEveryModule() {
        awaitAllUp();
        JsonNode h = json(http.get("/api/v1/health", null).body());
        assertEquals("UP", h.path("status").asText());
        assertEquals(Exam.version(), h.path("version").asText());
        for (String m : MODULES) {
            assertEquals(m + " in " + h, "UP", h.path("modules").path(m).asText());
        }
        assertEquals(MODULES.size(), h.path("modules").size());
    }

    @Test
    public void metricsShowTheStoresConnectionPoolInUse() {
        awaitAllUp();
        String text = http.get("/metrics", null).body();
        java.util.regex.Matcher max = java.util.regex.Pattern.compile("(?m)^sharer_store_pool_max (\\d+)$").matcher(text);
        assertTrue(text, max.find());
        assertEquals("pool.size from etc/org.sharercloud.store.cfg", 16, Integer.parseInt(max.group(1)));
        java.util.regex.Matcher acquired = java.util.regex.Pattern.compile("(?m)^sharer_store_pool_acquired_total (\\d+)$").matcher(text);
        assertTrue(text, acquired.find());
        assertTrue("the coordinator has used its pool: " + acquired.group(1), Long.parseLong(acquired.group(1)) > 0);
        assertTrue(text, text.contains("sharer_store_pool_timeouts_total 0"));
    }

    @Test
    public void requestsWithoutAValidTokenAre401WithTheJsonErrorShape() {
        awaitAllUp();
        for (String token : new String[] {null, "not-a-token", "m.nobody.secret"}) {
            Http.Reply r = http.post("/api/v1/tokens", token, "{\"name\":\"x\"}");
            assertEquals("token " + token + ": " + r.body(), 401, r.status());
            assertTrue(r.contentType(), r.contentType().startsWith("application/json"));
            JsonNode e = json(r.body());
            assertEquals(401, e.path("status").asInt());
            assertFalse(e.path("error").asText().isBlank());
            assertFalse("no stack trace in " + r.body(), r.body().contains("Exception") || r.body().contains("\tat "));
        }
    }

    @Test
    public void adminTokenIsBootstrappedPrivateAndMintsRequestorTokens() throws IOException {
        awaitAllUp();
        Path file = Path.of(System.getProperty("karaf.data"), "sharer", "admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String admin = adminToken();
        Http.Reply minted = http.post("/api/v1/tokens", admin, "{\"name\":\"alice\",\"role\":\"requestor\"}");
        assertEquals(minted.body(), 201, minted.status());
        JsonNode t = json(minted.body());
        assertEquals("REQUESTOR", t.path("role").asText());
        String requestor = t.path("token").asText();
        assertTrue(requestor.length() > 30);

        Http.Reply denied = http.post("/api/v1/tokens", requestor, "{\"name\":\"mallory\",\"role\":\"admin\"}");
        assertEquals(denied.body(), 403, denied.status());

        Http.Reply badRole = http.post("/api/v1/tokens", admin, "{\"name\":\"bob\",\"role\":\"emperor\"}");
        assertEquals(400, badRole.status());
        assertEquals("role", json(badRole.body()).path("field").asText());

        Http.Reply unknownField = http.post("/api/v1/tokens", admin, "{\"name\":\"bob\",\"colour\":\"red\"}");
        assertEquals(400, unknownField.status());
        assertEquals("colour", json(unknownField.body()).path("field").asText());

        Http.Reply malformed = http.post("/api/v1/tokens", admin, "{\"name\":");
        assertEquals(400, malformed.status());
    }

    @Test
    public void statusCommandWorksOverTheLocalSshConsole() throws Exception {
        awaitAllUp();
        Path pw = Path.of(System.getProperty("karaf.data"), "sharer", "console.password");
        Wait.until(30_000, "console password file", () -> Files.exists(pw));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
        String out = client("sharer:status", Files.readString(pw).strip());
        assertTrue(out, out.contains("Sharer Cloud " + Exam.version() + " - coordinator UP"));
        for (String m : MODULES) {
            assertTrue(m + " in\n" + out, out.matches("(?s).*\\b" + m + "\\s*\\|\\s*UP.*"));
        }
        assertTrue(out, out.contains("Store:     derby jdbc:derby:"));
        assertTrue(out, out.matches("(?s).*Members:\\s+\\S+.*"));
        assertTrue(out, out.matches("(?s).*Workloads:\\s+\\S+.*"));

        String wrong = client("sharer:status", "wrong-password");
        assertFalse("a wrong password must not run commands: " + wrong, wrong.contains("coordinator UP"));
    }

    @Test
    public void simulateReplaysTheBundledTracesFromTheConsole() throws Exception {
        awaitAllUp();
        Path pw = Path.of(System.getProperty("karaf.data"), "sharer", "console.password");
        Wait.until(30_000, "console password file", () -> Files.exists(pw));
        String password = Files.readString(pw).strip();
        String out = client("sharer:simulate --members 20 --max-tasks 300 --strategies first-fit,forecast", password);
        assertTrue(out, out.contains("Traces from " + Path.of(System.getProperty("karaf.home"), "traces")));
        for (String strategy : List.of("first-fit", "forecast")) {
            // one row per strategy, 300 tasks replayed
            assertTrue(out, out.matches("(?s).*\\| " + strategy + " \\| 300 \\| [1-9]\\d* \\|.*"));
        }
        assertFalse(out, out.contains("| spread |"));
        String bad = client("sharer:simulate --members 0", password);
        assertTrue(bad, bad.contains("Error: ") && bad.contains("members"));
        assertFalse(bad, bad.contains("Exception"));
    }

    @Test
    public void aWorkloadWithSeveralBadFieldsIsRefusedWithAllOfThemOverHttpAndInTheShell() throws Exception {
        awaitAllUp();
        String admin = adminToken();
        Http.Reply r = http.post("/api/v1/workloads", admin,
                "{\"name\":\"\",\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],\"cpuMillis\":-5}");
        assertEquals(r.body(), 400, r.status());
        JsonNode e = json(r.body());
        assertEquals("the first one stays in error/field", "name", e.path("field").asText());
        assertTrue(r.body(), e.path("error").asText().startsWith("name must not be empty"));
        assertEquals(r.body(), 2, e.path("errors").size());
        assertEquals("name", e.path("errors").get(0).path("field").asText());
        assertEquals("cpuMillis", e.path("errors").get(1).path("field").asText());
        assertEquals("cpu must be between 1 and 64000 millicores", e.path("errors").get(1).path("error").asText());

        Http.Reply runtime = http.post("/api/v1/workloads", admin, "{\"image\":\"sharer/busybox:test\",\"command\":[\"true\"],"
                + "\"runtime\":\"kvm\"}");
        assertEquals(runtime.body(), 400, runtime.status());
        assertEquals("runtime", json(runtime.body()).path("field").asText());
        Http.Reply single = http.post("/api/v1/tokens", admin, "{\"name\":\"x\",\"role\":\"emperor\"}");
        assertFalse("a single error keeps the plain shape: " + single.body(), json(single.body()).has("errors"));

        Path pw = Path.of(System.getProperty("karaf.data"), "sharer", "console.password");
        Wait.until(30_000, "console password file", () -> Files.exists(pw));
        String out = client("sharer:workload-submit --name \" \" --cpu 0 sharer/busybox:test true", Files.readString(pw).strip());
        assertTrue(out, out.contains("Error: 2 problems: name: name must not be empty (leave it out to use the image's name); "
                + "cpuMillis: cpu must be between 1 and 64000 millicores"));
        assertFalse(out, out.contains("Exception"));
    }

    /** Runs a command through the distribution's own bin/client, as an operator would. */
    @Test
    public void theSimulatorIsOptionalAndNoModuleOfHealth() throws Exception {
        awaitAllUp();
        String password = Files.readString(Path.of(System.getProperty("karaf.data"), "sharer", "console.password")).strip();
        Bundle sim = bundle("org.sharercloud.simulator");
        sim.stop();
        try {
            Http.Reply r = http.get("/api/v1/health", null);
            assertEquals("health does not list the optional simulator: " + r.body(), 200, r.status());
            assertFalse(r.body(), json(r.body()).path("modules").has("simulator"));
            String out = client("sharer:simulate --members 20 --max-tasks 100", password);
            assertTrue(out, out.contains("Error: the simulator is not installed"));
            assertFalse(out, out.contains("Exception"));
        } finally {
            sim.start();
        }
        String out = client("sharer:simulate --members 20 --max-tasks 100 --strategies first-fit", password);
        assertTrue("back after bundle:start: " + out, out.matches("(?s).*\\| first-fit \\| 100 \\| [1-9]\\d* \\|.*"));
    }

    private static String client(String command, String password) throws Exception {
        return client(SSH, command, password);
    }

    /** One console command through the distribution's own {@code bin/client} over SSH on this port. */
    static String client(int sshPort, String command, String password) throws Exception {
        Path home = Path.of(System.getProperty("karaf.home"));
        ProcessBuilder pb = new ProcessBuilder("timeout", "60", home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "admin", "-p", password, "-b", "-r", "2", "-d", "1");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/client finished", p.waitFor(70, TimeUnit.SECONDS));
        return out;
    }

    @Test
    public void everyModuleBundleHotSwapsWhileTheCoordinatorServes() throws Exception {
        awaitAllUp();
        String admin = adminToken();
        for (String module : MODULES) {
            Bundle b = bundle("org.sharercloud." + module);
            b.stop();
            Wait.until(30_000, module + " DOWN in health after bundle:stop", () -> {
                Http.Reply r = http.get("/api/v1/health", null);
                return r.status() == 503 && "DOWN".equals(json(r.body()).path("modules").path(module).asText());
            }, () -> http.get("/api/v1/health", null).body());
            JsonNode h = healthWhenAnswering();
            assertEquals("DEGRADED", h.path("status").asText());
            for (String other : MODULES) {
                if (!other.equals(module) && !(module.equals("store") && dependsOnStore(other))) {
                    assertEquals(other + " stays UP while " + module + " is stopped: " + h, "UP", h.path("modules").path(other).asText());
                }
            }
            Http.Reply api = http.post("/api/v1/tokens", admin, "{\"name\":\"during-" + module + "\"}");
            if (module.equals("store")) {
                assertEquals("no store, no tokens, and the API says why: " + api.body(), 503, api.status());
                assertTrue(api.body(), json(api.body()).path("error").asText().contains("store"));
            } else {
                assertEquals("the API keeps serving while " + module + " is stopped: " + api.body(), 201, api.status());
            }
            b.update();
            b.start();
            awaitAllUp();
        }
        assertEquals(201, http.post("/api/v1/tokens", admin, "{\"name\":\"after-swap\"}").status());
    }

    /** R's lh series (datasets::lh) and R 4's arima(lh, order = c(1, 0, 0)) as the reference. */
    @Test
    public void forecastEndpointMatchesRsArimaThroughTheRealCoordinator() throws IOException {
        awaitAllUp();
        String admin = adminToken();
        Http.Reply r = http.post("/api/v1/forecasts", admin, "{\"values\":[2.3999999999999999,2.3999999999999999,2.3999999999999999,2.2000000000000002,2.1000000000000001,1.5000000000000000,2.2999999999999998,2.2999999999999998,2.5000000000000000,2.0000000000000000,1.8999999999999999,1.7000000000000000,2.2000000000000002,1.8000000000000000,3.2000000000000002,3.2000000000000002,2.7000000000000002,2.2000000000000002,2.2000000000000002,1.8999999999999999,1.8999999999999999,1.8000000000000000,2.7000000000000002,3.0000000000000000,2.2999999999999998,2.0000000000000000,2.0000000000000000,2.8999999999999999,2.8999999999999999,2.7000000000000002,2.7000000000000002,2.2999999999999998,2.6000000000000001,2.3999999999999999,1.8000000000000000,1.7000000000000000,1.5000000000000000,1.3999999999999999,2.1000000000000001,3.2999999999999998,3.5000000000000000,3.5000000000000000,3.1000000000000001,2.6000000000000001,2.1000000000000001,3.3999999999999999,3.0000000000000000,2.8999999999999999],"
                + "\"model\":{\"p\":1,\"d\":0,\"q\":0,\"includeMean\":true},\"horizon\":3}");
        assertEquals(r.body(), 200, r.status());
        JsonNode f = json(r.body());
        assertEquals(0.5739296, f.path("coefficients").path("ar").get(0).asDouble(), 1e-3);
        assertEquals(2.4132880, f.path("coefficients").path("intercept").asDouble(), 1e-3);
        assertEquals(0.1974895, f.path("sigma2").asDouble(), 1e-3);
        assertEquals(-29.379162, f.path("loglik").asDouble(), 1e-2);
        assertEquals(2.6926264, f.path("forecast").get(0).asDouble(), 1e-3);
        assertEquals(0.4443979, f.path("se").get(0).asDouble(), 1e-3);

        Http.Reply tooShort = http.post("/api/v1/forecasts", admin, "{\"values\":[1,2],\"model\":{\"p\":3},\"horizon\":3}");
        assertEquals(tooShort.body(), 400, tooShort.status());
        assertEquals("values", json(tooShort.body()).path("field").asText());
        Http.Reply badHorizon = http.post("/api/v1/forecasts", admin, "{\"values\":[2.3999999999999999,2.3999999999999999,2.3999999999999999,2.2000000000000002,2.1000000000000001,1.5000000000000000,2.2999999999999998,2.2999999999999998,2.5000000000000000,2.0000000000000000,1.8999999999999999,1.7000000000000000,2.2000000000000002,1.8000000000000000,3.2000000000000002,3.2000000000000002,2.7000000000000002,2.2000000000000002,2.2000000000000002,1.8999999999999999,1.8999999999999999,1.8000000000000000,2.7000000000000002,3.0000000000000000,2.2999999999999998,2.0000000000000000,2.0000000000000000,2.8999999999999999,2.8999999999999999,2.7000000000000002,2.7000000000000002,2.2999999999999998,2.6000000000000001,2.3999999999999999,1.8000000000000000,1.7000000000000000,1.5000000000000000,1.3999999999999999,2.1000000000000001,3.2999999999999998,3.5000000000000000,3.5000000000000000,3.1000000000000001,2.6000000000000001,2.1000000000000001,3.3999999999999999,3.0000000000000000,2.8999999999999999],\"model\":\"auto\",\"horizon\":0}");
        assertEquals(badHorizon.body(), 400, badHorizon.status());
        assertEquals("horizon", json(badHorizon.body()).path("field").asText());
    }

    @Test
    public void placementStrategiesAreListedAndSwitchedAtRunTime() throws IOException {
        awaitAllUp();
        String admin = adminToken();
        Wait.until(30_000, "four strategies registered", () -> json(http.get("/api/v1/scheduler/strategies", admin).body())
                .path("strategies").size() >= 4, () -> http.get("/api/v1/scheduler/strategies", admin).body());
        JsonNode s = json(http.get("/api/v1/scheduler/strategies", admin).body());
        for (String name : List.of("first-fit", "spread", "binpack", "forecast")) {
            assertTrue(name + " in " + s, s.path("strategies").toString().contains("\"" + name + "\""));
        }
        Http.Reply switched = http.put("/api/v1/scheduler/strategy", admin, "{\"name\":\"spread\"}");
        assertEquals(switched.body(), 200, switched.status());
        assertEquals("spread", json(switched.body()).path("active").asText());
        Http.Reply unknown = http.put("/api/v1/scheduler/strategy", admin, "{\"name\":\"psychic\"}");
        assertEquals(unknown.body(), 400, unknown.status());
        assertEquals("spread", json(http.get("/api/v1/scheduler/strategies", admin).body()).path("active").asText());
        assertEquals(200, http.put("/api/v1/scheduler/strategy", admin, "{\"name\":\"first-fit\"}").status());
    }

    /** Modules whose services need the store's DataSource go DOWN with it. */
    private static boolean dependsOnStore(String module) {
        return Set.of("members", "workloads", "monitoring").contains(module);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }
}
