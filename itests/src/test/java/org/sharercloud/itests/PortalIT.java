package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The portal in a real browser (headless Chromium through Selenium) against a real coordinator with a
 * real contributor running jobs in Docker: sign in and out, submit, watch SUCCEEDED, read logs while
 * they stream, clone and resubmit, download outputs, reserve a worker and exec in it, the operator's
 * members, member charts, strategy switch and tokens, the contributor's own machine, validation errors
 * beside their fields, and HTML payloads shown as text. Screenshots of each page go to
 * {@code target/portal-screenshots/}. Outside CI it skips, saying why, without Docker or Chromium.
 */
public class PortalIT {
    private static final Path WORK = Path.of("target", "portal").toAbsolutePath();
    private static final Path SHOTS = Path.of("target", "portal-screenshots").toAbsolutePath();
    private static final int HTTP = 18791;
    private static final String BASE = "http://127.0.0.1:" + HTTP;
    private static final String IMAGE = TestImage.NAME;
    /** A member name, env value, workload name and log line that would run script if the page used innerHTML. */
    private static final String XSS_NAME = "<img src=x onerror=\"window.__xss='name'\">";
    private static final String XSS_ENV = "<script>window.__xss='env'</script>";
    private static final String XSS_LOG = "<img src=y onerror=window.__xss=1>";
    private static final String MEMBER_NAME = "laptop <b>ann</b>";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http API = new Http(HTTP);

    private static Distribution coordinator;
    private static Distribution contributor;
    private static String admin;
    private static String requestor;
    private static String memberId;
    private static Browser browser;

    @BeforeClass
    public static void start() throws Exception {
        Assume.assumeTrue(ready());
        coordinator = Distribution.coordinator(WORK, HTTP, 18711)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2");
        admin = coordinator.startCoordinator(API);
        requestor = json(API.post("/api/v1/tokens", admin, "{\"name\":\"alice\",\"role\":\"REQUESTOR\"}").body()).path("token").asText();
        String joinToken = json(API.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":2}").body()).path("token").asText();
        contributor = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor").offline()
                .env("SHARER_COORDINATOR_URL", BASE).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", MEMBER_NAME)
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false")
                .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                .config("org.sharercloud.contributor.cfg", "usage.seconds", "1")
                .config("org.sharercloud.contributor.cfg", "workload.cgroup", "/")
                // the coordinator, this test and its browser are ours: Chromium rendering must not read as a busy owner
                .config("org.sharercloud.contributor.cfg", "exclude.processes",
                        Distribution.ourProcesses(coordinator.home().resolve("karaf.pid")))
                .config("org.sharercloud.runtime.docker.cfg", "owner", "it-portal");
        contributor.start();
        Wait.until(90_000, "the contributor ONLINE", () -> {
            JsonNode m = json(API.get("/api/v1/members", admin).body());
            return m.size() == 1 && "ONLINE".equals(m.get(0).path("state").asText());
        }, () -> API.get("/api/v1/members", admin).body());
        memberId = json(API.get("/api/v1/members", admin).body()).get(0).path("id").asText();
        browser = new Browser(BASE, SHOTS, Files.createDirectories(WORK.resolve("downloads")));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (contributor != null) {
            contributor.stop();
        }
        if (coordinator != null) {
            coordinator.stop();
        }
    }

    private static boolean ready() throws Exception {
        String why = Browser.missing();
        return TestImage.runnable("PortalIT", "Chromium and Docker", why != null ? why : TestImage.missing());
    }

    @Before
    public void signedOut() {
        API.post("/api/v1/members/" + memberId + "/uncordon", admin, "");
        browser.size(1280, 900);
        browser.darkMode(false);
        browser.open("");
        browser.js("sessionStorage.clear();");
        browser.driver().navigate().refresh();
        browser.await("input[name=token]", 20_000);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void signIn(String token, String expectRole) {
        browser.await("input[name=token]", 20_000).sendKeys(token);
        browser.find("#signin").click();
        browser.awaitText("#who", expectRole, 20_000);
    }

    private static String workloadIdFromUrl() {
        String url = browser.driver().getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void fillSpec(String name, String command) {
        browser.await("#f-image", 10_000);
        browser.type("#f-name", name);
        browser.set("#f-command", command);
        browser.type("#f-cpuMillis", "100");
        browser.type("#f-memoryMb", "64");
    }

    private static void assertNoScriptRan() {
        assertNull("no payload ran in the page", browser.js("return window.__xss;"));
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    public void signInRejectsABadTokenAndSignOutForgetsTheToken() throws Exception {
        browser.shot("01-sign-in");
        browser.find("input[name=token]").sendKeys("sc_req_not-a-real-token");
        browser.find("#signin").click();
        browser.awaitText(".error-box", "unknown or revoked", 10_000);
        assertNull(browser.js("return sessionStorage.getItem('sharer.token');"));
        browser.find("input[name=token]").clear();
        signIn(requestor, "requestor");
        assertEquals(requestor, browser.js("return sessionStorage.getItem('sharer.token');"));
        assertNull("never in localStorage", browser.js("return localStorage.getItem('sharer.token');"));
        browser.await("#live.on", 15_000);
        browser.find("#signout").click();
        browser.await("input[name=token]", 10_000);
        assertNull(browser.js("return sessionStorage.getItem('sharer.token');"));
        browser.driver().navigate().refresh();
        browser.await("input[name=token]", 10_000);
    }

    @Test
    public void theApiLinkOpensSwaggerUiOverTheDocument() throws Exception {
        String href = browser.find("#api-link").getAttribute("href");
        assertEquals("the API link goes straight to Swagger UI", BASE + "/api/v1/docs/", href);
        browser.driver().get(href);
        browser.awaitText(".swagger-ui .info .title", "Sharer Cloud API", 30_000);
        browser.await(".opblock-summary-path[data-path='/workloads']", 15_000);
        browser.await(".opblock-summary-path[data-path='/events']", 5_000);
        assertTrue("every tag of the document is shown: " + browser.all(".swagger-ui .opblock-tag").size(),
                browser.all(".swagger-ui .opblock-tag").size() >= 10);
        browser.size(1280, 1400);
        browser.shotOfWindow("14-api-docs");
    }

    @Test
    public void requestorSubmitsWatchesLiveLogsDownloadsOutputsClonesAndResubmits() throws Exception {
        signIn(requestor, "requestor");
        browser.open("#/submit");
        // the form starts from the API's defaults and says where each runtime works now (the contributor runs Docker only)
        browser.await("#f-image", 10_000);
        assertEquals("250", browser.find("#f-cpuMillis").getAttribute("value"));
        assertEquals("256", browser.find("#f-memoryMb").getAttribute("value"));
        assertEquals("3600", browser.find("#f-timeoutSeconds").getAttribute("value"));
        assertEquals("docker", browser.find("#f-runtime").getAttribute("value"));
        browser.awaitText("#runtime-hint", "docker on 1 member, process on no member", 15_000);
        // in-page validation: a CPU of 0 never leaves the page
        fillSpec("bad", "true");
        browser.type("#f-cpuMillis", "0");
        browser.find("#submit").click();
        WebElement cpuError = browser.awaitText("[data-error-for=cpuMillis]", "cpuMillis must be", 5_000);
        assertTrue(browser.find("#f-cpuMillis").getAttribute("class").contains("invalid"));
        assertTrue(cpuError.isDisplayed());
        // the server's checks: an image reference and a constraint label the page lets through, each shown beside its
        // field (the API's errors[] names both at once)
        browser.type("#f-cpuMillis", "100");
        browser.type("#f-image", "Not_A_Valid:Image!!");
        browser.set("#f-constraints", "bad label!=x");
        browser.find("#submit").click();
        browser.awaitText("[data-error-for=image]", "not a valid image reference", 10_000);
        browser.awaitText("[data-error-for=constraints]", "constraint 'bad label!' is invalid", 5_000);
        assertTrue(browser.find("#f-constraints").getAttribute("class").contains("invalid"));
        assertTrue("both errors are beside their fields, none left in the box", browser.find(".error-box").getText().isBlank());
        browser.shot("03-submit-validation");
        assertTrue("still on the form", browser.driver().getCurrentUrl().endsWith("#/submit"));
        browser.set("#f-constraints", "");

        // a job whose name, env and output carry HTML; it prints, waits, prints again and writes an output
        browser.type("#f-image", IMAGE);
        fillSpec(XSS_NAME, "echo first-line; echo '" + XSS_LOG + "'; echo \"$GREETING\"; sleep 8; echo 42 > /output/answer.txt; echo last-line");
        browser.set("#f-env", "GREETING=" + XSS_ENV);
        browser.find("#submit").click();
        browser.await("#logs", 15_000);
        String id = workloadIdFromUrl();
        browser.awaitText("h1", XSS_NAME, 10_000);
        browser.awaitText("#runtime", "docker (a sandboxed container)", 10_000); // live updates re-render the facts
        assertEquals("the page sends the runtime", "docker", json(API.get("/api/v1/workloads/" + id, requestor).body()).at("/spec/runtime").asText());
        // the log streams while the job still runs
        browser.awaitText("#logs", "first-line", 30_000);
        JsonNode w = json(API.get("/api/v1/workloads/" + id, requestor).body());
        assertFalse("logs arrived before the job finished: " + w, w.path("state").asText().equals("SUCCEEDED"));
        assertTrue("no last line yet", !browser.find("#logs").getText().contains("last-line"));
        browser.shot("04-workload-running");
        browser.awaitText(".badge", "SUCCEEDED", 60_000);
        browser.awaitText("#logs", "last-line", 15_000);
        String logs = browser.find("#logs").getText();
        assertTrue(logs, logs.contains(XSS_LOG) && logs.contains(XSS_ENV));
        assertTrue(browser.bodyText(), browser.bodyText().contains("GREETING=" + XSS_ENV));
        assertNoScriptRan();
        browser.shot("05-workload-succeeded");

        // outputs download: the same bytes the API serves
        browser.await("#outputs", 10_000).click();
        Path tar = WORK.resolve("downloads").resolve(id + "-outputs.tar");
        Wait.until(20_000, "the outputs archive downloaded", () -> Files.exists(tar));
        assertTrue(new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1).contains("answer.txt"));

        // clone and resubmit: the form comes back filled with the spec
        browser.find("#clone").click();
        browser.await("#f-image", 10_000);
        assertEquals(XSS_NAME, browser.find("#f-name").getAttribute("value"));
        assertEquals(IMAGE, browser.find("#f-image").getAttribute("value"));
        assertEquals("GREETING=" + XSS_ENV, browser.find("#f-env").getAttribute("value"));
        browser.shot("06-clone");
        browser.type("#f-name", "second run");
        browser.find("#submit").click();
        browser.awaitText("h1", "second run", 15_000);
        String second = workloadIdFromUrl();
        assertFalse(second.equals(id));
        browser.awaitText(".badge", "SUCCEEDED", 60_000);

        // the list: both, searchable and filterable
        browser.open("#/workloads");
        browser.awaitText("table", "second run", 15_000);
        browser.find("input[name=search]").sendKeys("second");
        Wait.until(10_000, "search narrows the list", () -> browser.all("tbody tr").size() == 1, browser::bodyText);
        browser.find("input[name=search]").clear();
        browser.find("input[name=search]").sendKeys(" ");
        Wait.until(10_000, "both listed", () -> browser.all("tbody tr").size() == 2, browser::bodyText);
        browser.shot("02-workloads");
        assertNoScriptRan();
    }

    /**
     * A process workload from the page: no image needed, the runtime reaches the server, and since the only member runs
     * Docker alone the page says why it waits (the scheduler's words) until it is cancelled.
     */
    @Test
    public void aProcessWorkloadFromThePageSaysWhyItWaits() throws Exception {
        // a requestor of its own, so that the other tests' workload lists are not changed by this one
        String carol = json(API.post("/api/v1/tokens", admin, "{\"name\":\"carol\",\"role\":\"REQUESTOR\"}").body()).path("token").asText();
        signIn(carol, "requestor");
        browser.open("#/submit");
        browser.awaitText("#runtime-hint", "docker on 1 member", 15_000);
        new org.openqa.selenium.support.ui.Select(browser.find("#f-runtime")).selectByValue("process");
        browser.awaitText("#runtime-hint", "a process workload waits until one can", 5_000);
        browser.type("#f-name", "as a process");
        browser.find("#f-image").clear();
        browser.set("#f-command", "echo from a process");
        browser.find("#submit").click();
        browser.awaitText("h1", "as a process", 15_000);
        String id = workloadIdFromUrl();
        JsonNode spec = json(API.get("/api/v1/workloads/" + id, carol).body()).path("spec");
        assertEquals("process", spec.path("runtime").asText());
        assertEquals("", spec.path("image").asText());
        browser.awaitText("#runtime", "process (a plain process", 10_000);
        browser.awaitText(".why", "no member can run process workloads", 20_000);
        assertEquals("CANCELLED", json(API.delete("/api/v1/workloads/" + id, carol).body()).path("state").asText());
        browser.awaitText(".badge", "CANCELLED", 15_000);
    }

    @Test
    public void requestorReservesAWorkerAndRunsCommandsInItsConsole() throws Exception {
        signIn(requestor, "requestor");
        browser.open("#/workers");
        browser.await("button.reserve", 15_000).click();
        WebElement line = browser.await("input[name=exec]", 15_000);
        line.sendKeys("echo hello-from-the-worker; echo '<b>bold</b>'", org.openqa.selenium.Keys.ENTER);
        browser.awaitText("#exec-output", "hello-from-the-worker", 60_000);
        browser.awaitText("#exec-output", "[exit 0]", 5_000);
        assertTrue(browser.find("#exec-output").getText().contains("<b>bold</b>"));
        assertTrue("shown as text, not markup", browser.all("#exec-output b").isEmpty());
        browser.shot("07-workers-console");
        JsonNode res = json(API.get("/api/v1/reservations", requestor).body());
        assertEquals(1, res.size());
        assertEquals("READY", res.get(0).path("state").asText());
        API.delete("/api/v1/reservations/" + res.get(0).path("id").asText(), requestor);
    }

    @Test
    public void operatorManagesMembersSeesChartsSwitchesStrategyAndMintsTokens() throws Exception {
        signIn(admin, "admin");
        browser.awaitText("table", MEMBER_NAME, 15_000);
        assertTrue("the member's name is text", browser.all("tbody b").isEmpty());
        browser.await("tbody .bar", 5_000);
        // the members' runtimes: docker works there, process is off
        browser.awaitText("tbody .runtimes", "process (unavailable)", 5_000);
        browser.awaitText("tbody .runtimes .s-ONLINE", "docker", 5_000);
        browser.shot("08-members");
        browser.click("button.cordon", 10_000);
        browser.awaitText("tbody", "CORDONED", 10_000);
        assertTrue(json(API.get("/api/v1/members/" + memberId, admin).body()).path("cordoned").asBoolean());
        browser.click("button.uncordon", 10_000);
        Wait.until(10_000, "uncordoned", () -> !json(API.get("/api/v1/members/" + memberId, admin).body()).path("cordoned").asBoolean());

        // one member: its charts fill from history and live heartbeats
        browser.open("#/members/" + memberId);
        browser.await(".uplot canvas", 15_000);
        Wait.until(20_000, "the load chart has points", () -> ((Number) browser.js(
                "return document.querySelectorAll('.u-legend .u-value').length;")).intValue() > 0, browser::bodyText);
        browser.awaitText("h1", MEMBER_NAME, 5_000);
        browser.shot("09-member");

        // the cluster, and the strategy switch
        browser.open("#/cluster");
        browser.await("#strategy", 15_000);
        browser.await(".uplot canvas", 15_000);
        browser.awaitText("#coordinators", "leader", 10_000); // the coordinator registry: this one, leading (Derby)
        assertTrue(browser.find("#coordinators").getText(), browser.find("#coordinators").getText().contains("(this one)"));
        String current = browser.find("#active-strategy").getText();
        String other = current.equals("spread") ? "binpack" : "spread";
        new org.openqa.selenium.support.ui.Select(browser.find("#strategy")).selectByValue(other);
        browser.find("#switch-strategy").click();
        browser.awaitText("#active-strategy", other, 10_000);
        assertEquals(other, json(API.get("/api/v1/scheduler/strategies", admin).body()).path("active").asText());
        browser.shot("10-cluster");

        // tokens: mint a requestor token, shown once, listed without its secret
        browser.open("#/tokens");
        browser.await("#f-name", 10_000).sendKeys("bob");
        browser.find("#mint-token").click();
        String secret = browser.awaitText("#new-secret", "sc_req_", 10_000).getText();
        assertEquals("bob", json(API.get("/api/v1/me", secret).body()).path("subject").asText());
        browser.awaitText("table", "bob", 10_000);
        assertFalse(browser.bodyText().replace(secret, "").contains("sc_req_"));
        // an expiring token with a priority grant, then rotated from its row: the old secret stops at once
        browser.find("#f-name").sendKeys("dave");
        browser.find("#f-expiresAt").sendKeys("2");
        browser.find("#f-maxPriority").sendKeys("50");
        browser.find("#mint-token").click();
        String dave = browser.awaitText("#new-secret", "sc_req_", 10_000).getText();
        JsonNode daveInfo = null;
        for (JsonNode t : json(API.get("/api/v1/tokens", admin).body())) {
            if (t.path("name").asText().equals("dave")) {
                daveInfo = t;
            }
        }
        assertNotNull("dave is listed", daveInfo);
        assertEquals(50, daveInfo.path("maxPriority").asInt());
        long days = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(daveInfo.path("expiresAt").asText())).toHours();
        assertTrue("expires in about two days: " + days + " h", days >= 47 && days <= 48);
        browser.awaitText("table", "dave", 10_000);
        browser.js("window.confirm = () => true;"); // the row's buttons ask first
        browser.js("for (const tr of document.querySelectorAll('tr')) if (tr.textContent.includes('dave')) tr.querySelector('button.rotate').click();");
        String shownSecret = "const e = document.querySelector('#new-secret'); return e ? e.textContent : '';";
        Wait.until(10_000, "the rotated secret shown", () -> {
            String now = (String) browser.js(shownSecret);
            return now.startsWith("sc_req_") && !now.equals(dave);
        });
        String rotated = (String) browser.js(shownSecret);
        assertEquals(401, API.get("/api/v1/me", dave).status());
        assertEquals("dave", json(API.get("/api/v1/me", rotated).body()).path("subject").asText());
        browser.find("#mint-join").click();
        browser.awaitText("#new-secret", "sc_join_", 10_000);
        browser.shot("11-tokens");
        // a bad name is refused beside its field
        browser.find("#f-name").sendKeys("<bad>");
        browser.find("#mint-token").click();
        browser.awaitText("[data-error-for=name]", "name must be", 5_000);
    }

    @Test
    public void contributorSeesTheirMachineWhatRanAndCredits() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(contributor.home().resolve("data/sharer/member.properties"))));
        String credential = p.getProperty("credential");
        assertNotNull(credential);
        signIn(credential, "member");
        browser.awaitText("h1", MEMBER_NAME, 15_000);
        browser.await(".uplot canvas", 15_000);
        browser.await("#credit-balance", 10_000);
        assertTrue("no operator actions for a contributor", browser.all("#cordon").isEmpty());
        browser.shot("12-contributor");
        assertNoScriptRan();
    }

    @Test
    public void aPhoneAndDarkModeGetAReadablePage() throws Exception {
        signIn(requestor, "requestor");
        browser.size(390, 844);
        browser.darkMode(true);
        browser.open("#/submit");
        browser.await("#f-image", 10_000);
        String bg = (String) browser.js("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("the dark palette follows the system setting", "rgb(18, 21, 27)", bg);
        long overflow = ((Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertTrue("no sideways scrolling on a phone: " + overflow + " px too wide", overflow <= 0);
        browser.shot("13-phone-dark-submit");
    }
}
