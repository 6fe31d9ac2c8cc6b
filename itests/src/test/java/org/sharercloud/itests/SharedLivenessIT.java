package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Members' liveness shared by two coordinator distributions, as processes, over one real PostgreSQL (issue 12 §2): a
 * real contributor whose heartbeats go only to the follower is ONLINE as seen through the leader, which is the one
 * that sweeps; after {@code kill -9} of the contributor the leader marks it SUSPECT then OFFLINE (by the database
 * clock) and both coordinators show it; the restarted contributor is ONLINE again on both; after {@code kill -9} of the
 * leader the other coordinator takes the lead and its sweeper marks a contributor killed after that OFFLINE.
 * PostgreSQL comes from {@code SHARER_TEST_PG_SCALEOUT_URL} (emptied first, as {@code ScaleOutIT} does; the two run one
 * after the other); outside CI the test skips without it, in CI it must run.
 */
public class SharedLivenessIT {
    private static final Path WORK = Path.of("target", "shared-liveness").toAbsolutePath();
    private static final int[] HTTP = {18691, 18692};
    private static final int[] SSH = {18641, 18642};
    private static final String ADMIN = "sc_admin_shared_liveness_it_0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http[] API = {new Http(HTTP[0]), new Http(HTTP[1])};
    /** SUSPECT after 3 missed 1 s heartbeats, OFFLINE after 6 s of silence. */
    private static final int OFFLINE_SECONDS = 6;

    private static final Distribution[] COORDINATORS = new Distribution[2];
    private static Distribution contributor;

    @BeforeClass
    public static void start() throws Exception {
        String url = System.getenv("SHARER_TEST_PG_SCALEOUT_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but SHARER_TEST_PG_SCALEOUT_URL is unset: .ci/run must provide it");
            }
            System.err.println("SKIP SharedLivenessIT: SHARER_TEST_PG_SCALEOUT_URL is unset (.ci/postgres.sh prints it)");
            assumeTrue(false);
        }
        String user = env("SHARER_TEST_PG_USER");
        String password = env("SHARER_TEST_PG_PASSWORD");
        resetDatabase(url, user, password);
        Files.createDirectories(WORK);
        for (int i = 0; i < 2; i++) {
            COORDINATORS[i] = Distribution.unpack(Distribution.coordinatorTarGz(), WORK, "coordinator-" + i).offline()
                    .env("SHARER_ADMIN_TOKEN", ADMIN)
                    .config("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP[i]))
                    .config("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH[i]))
                    .config("org.sharercloud.store.cfg", "jdbc.url", url)
                    .config("org.sharercloud.store.cfg", "jdbc.user", user)
                    .config("org.sharercloud.store.cfg", "jdbc.password", password)
                    .config("org.sharercloud.store.cfg", "pool.size", "6")
                    .config("org.sharercloud.store.cfg", "cluster.address", "127.0.0.1:" + HTTP[i])
                    .config("org.sharercloud.store.cfg", "cluster.beat.seconds", "1")
                    .config("org.sharercloud.store.cfg", "cluster.dead.after.seconds", "5")
                    .config("org.sharercloud.members.cfg", "heartbeat.seconds", "1")
                    .config("org.sharercloud.members.cfg", "suspect.after.missed", "3")
                    .config("org.sharercloud.members.cfg", "offline.after.seconds", Integer.toString(OFFLINE_SECONDS));
        }
        // one after the other: the first one migrates the empty database and takes the lead
        startCoordinator(0);
        startCoordinator(1);
    }

    private static void startCoordinator(int i) throws Exception {
        COORDINATORS[i].start();
        Wait.until(180_000, "coordinator " + i + " health 200", () -> API[i].get("/api/v1/health", null).status() == 200,
                () -> API[i].get("/api/v1/health", null).body());
    }

    /** Empties the test database (the coordinators migrate it from scratch), as the database's owner. */
    private static void resetDatabase(String jdbcUrl, String user, String password) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public",
                jdbcUrl.substring("jdbc:".length())).redirectErrorStream(true);
        pb.environment().put("PGUSER", user);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("could not reset " + jdbcUrl + ": " + out);
        }
    }

    private static String env(String k) {
        String v = System.getenv(k);
        return v == null ? "" : v;
    }

    @AfterClass
    public static void stop() throws Exception {
        if (contributor != null) {
            contributor.kill();
        }
        for (Distribution d : COORDINATORS) {
            if (d != null) {
                d.stop();
            }
        }
    }

    private static JsonNode json(Http.Reply r, String what) {
        if (r.status() != 200 && r.status() != 201) {
            throw new AssertionError(what + ": " + r.status() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static JsonNode member(int coordinator, String id) {
        return json(API[coordinator].get("/api/v1/members/" + id, ADMIN), "GET member " + id + " on coordinator " + coordinator);
    }

    private static String state(int coordinator, String id) {
        return member(coordinator, id).path("state").asText();
    }

    private static String leaderAddress(int coordinator) {
        JsonNode view = json(API[coordinator].get("/api/v1/cluster", ADMIN), "GET cluster");
        for (JsonNode c : view.path("coordinators")) {
            if (c.path("leader").asBoolean() && c.path("alive").asBoolean()) {
                return c.path("address").asText();
            }
        }
        return "";
    }

    /** The member id of the contributor named {@code name}, once a coordinator lists it. */
    private static String memberNamed(int coordinator, String name) {
        JsonNode list = json(API[coordinator].get("/api/v1/members", ADMIN), "GET members");
        JsonNode items = list.isArray() ? list : list.path("items");
        for (JsonNode m : items) {
            if (m.path("name").asText().equals(name)) {
                return m.path("id").asText();
            }
        }
        return null;
    }

    private static Distribution contributor(String joinToken, int coordinator) throws Exception {
        return Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor").offline()
                .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP[coordinator]).env("SHARER_JOIN_TOKEN", joinToken)
                .config("org.sharercloud.contributor.cfg", "name", "shared-liveness")
                .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false")
                .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                .config("org.sharercloud.contributor.cfg", "exclude.processes", Distribution.ourProcesses(
                        COORDINATORS[0].home().resolve("karaf.pid"), COORDINATORS[1].home().resolve("karaf.pid")));
    }

    /** Polls until {@code coordinator} shows {@code id} in state {@code want}; returns every state it showed on the way. */
    private static List<String> waitState(int coordinator, String id, String want, long millis) {
        List<String> seen = new ArrayList<>();
        Wait.until(millis, "member " + id + " " + want + " on coordinator " + coordinator + " (seen " + seen + ")", () -> {
            String s = state(coordinator, id);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
                seen.add(s);
            }
            return s.equals(want);
        });
        return seen;
    }

    /** Asserts {@code id} stays ONLINE on both coordinators for {@code millis}, and that the leader's last-seen time moves on. */
    private static void staysOnline(String id, long millis, int leader) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Instant first = Instant.parse(member(leader, id).path("lastSeen").asText());
        while (System.nanoTime() < end) {
            for (int c = 0; c < 2; c++) {
                if (COORDINATORS[c].pid() > 0) {
                    assertEquals("coordinator " + c + " shows the member ONLINE: " + member(c, id), "ONLINE", state(c, id));
                }
            }
            Thread.sleep(300);
        }
        Instant last = Instant.parse(member(leader, id).path("lastSeen").asText());
        assertTrue("the leader's last-seen time follows heartbeats that landed on the other coordinator: " + first + " -> " + last,
                last.isAfter(first.plusSeconds(1)));
    }

    @Test
    public void heartbeatsOnAnyCoordinatorLivenessByTheLeaderFailoverOfTheSweeper() throws Exception {
        Wait.until(30_000, "coordinator 0 leads", () -> leaderAddress(1).equals("127.0.0.1:" + HTTP[0]), () -> leaderAddress(1));
        String joinToken = json(API[0].post("/api/v1/join-tokens", ADMIN, "{\"ttl\":\"PT1H\",\"uses\":5}"), "join token").path("token").asText();

        // a real contributor talking only to coordinator 1 (the follower)
        contributor = contributor(joinToken, 1);
        contributor.start();
        Wait.until(120_000, "the contributor listed by the leader", () -> memberNamed(0, "shared-liveness") != null,
                () -> API[0].get("/api/v1/members", ADMIN).body());
        String id = memberNamed(0, "shared-liveness");
        waitState(0, id, "ONLINE", 30_000);
        staysOnline(id, (OFFLINE_SECONDS + 2) * 1000L, 0); // longer than OFFLINE: the leader sweeps, and hears it through the store

        // kill -9 the contributor: the leader marks it SUSPECT, then OFFLINE; the follower shows the same
        contributor.kill();
        List<String> onLeader = waitState(0, id, "OFFLINE", 30_000);
        assertTrue("SUSPECT before OFFLINE on the leader: " + onLeader, onLeader.contains("SUSPECT"));
        waitState(1, id, "OFFLINE", 10_000);
        // the history, read through the follower, holds each silence transition once (the leader writes its changes at its
        // next round, so it may take a round to show)
        List<String> changes = new ArrayList<>();
        Wait.until(10_000, "the leader's SUSPECT->OFFLINE in the history read through the follower", () -> {
            changes.clear();
            for (JsonNode t : json(API[1].get("/api/v1/members/" + id + "/history?limit=20", ADMIN), "history").path("items")) {
                changes.add(t.path("from").asText() + "->" + t.path("to").asText());
            }
            return changes.contains("SUSPECT->OFFLINE");
        }, changes::toString);
        assertEquals("each silence transition recorded once: " + changes, 1, changes.stream().filter("ONLINE->SUSPECT"::equals).count());
        assertEquals("each silence transition recorded once: " + changes, 1, changes.stream().filter("SUSPECT->OFFLINE"::equals).count());

        // the agent restarts (same machine, same credential): ONLINE again on both
        contributor.start();
        waitState(1, id, "ONLINE", 120_000);
        waitState(0, id, "ONLINE", 10_000);
        assertEquals("it came back as the same member", id, memberNamed(0, "shared-liveness"));

        // kill -9 the leader: coordinator 1 takes the lead; the member stays ONLINE (its heartbeats land on 1)
        COORDINATORS[0].kill();
        Wait.until(30_000, "coordinator 1 leads after kill -9 of coordinator 0", () -> leaderAddress(1).equals("127.0.0.1:" + HTTP[1]),
                () -> leaderAddress(1));
        staysOnline(id, (OFFLINE_SECONDS + 2) * 1000L, 1);

        // a contributor killed after the take-over still goes OFFLINE: the new leader's sweeper runs
        contributor.kill();
        List<String> onNewLeader = waitState(1, id, "OFFLINE", 30_000);
        assertTrue("SUSPECT before OFFLINE on the new leader: " + onNewLeader, onNewLeader.contains("SUSPECT"));
    }
}
