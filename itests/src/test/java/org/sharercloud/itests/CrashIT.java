package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Crash safety with real processes: a coordinator and two contributor distributions (process runtime, so it needs no
 * Docker), {@code sharer.crash.jobs} small jobs of {@code sharer.crash.job.seconds} (default 100 of 20 s, 1 millicore and 16 MB
 * each, so the busy build machine's own load leaves room for them; {@code benchmarks/crash.sh} runs 500) in flight,
 * then {@code kill -9} of the coordinator a few seconds after the submission and a restart on the same data. Every job
 * must end SUCCEEDED with exactly one SUCCEEDED attempt and exactly one credit entry (none lost, none completed or
 * credited twice), with no booking left behind, and the agents must come back by themselves. The figures (jobs, lost,
 * duplicated, recovery time) are printed for docs/reliability.md.
 */
public class CrashIT {
    private static final Path WORK = Path.of("target", "crash").toAbsolutePath();
    private static final int HTTP = 18581;
    private static final int JOBS = Integer.getInteger("sharer.crash.jobs", 100);
    /** Each job's length: long enough that many are running at the kill and end while the coordinator is down or booting. */
    private static final int JOB_SECONDS = Integer.getInteger("sharer.crash.job.seconds", 20);
    private static final long KILL_AFTER_MILLIS = Long.getLong("sharer.crash.kill.after.millis", 8_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP_CLIENT = new Http(HTTP);
    private static final Distribution[] CONTRIBUTORS = new Distribution[2];
    private static Distribution coordinator;
    private static String admin;
    private static String requestor;

    @BeforeClass
    public static void startCluster() throws Exception {
        coordinator = Distribution.coordinator(WORK, HTTP, 18501)
                .config("org.sharercloud.members.cfg", "heartbeat.seconds", "2")
                .config("org.sharercloud.members.cfg", "suspect.after.missed", "3")
                .config("org.sharercloud.members.cfg", "offline.after.seconds", "30");
        admin = coordinator.startCoordinator(HTTP_CLIENT);
        Http.Reply jt = HTTP_CLIENT.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":10}");
        assertEquals(jt.body(), 201, jt.status());
        String joinToken = json(jt.body()).path("token").asText();
        Http.Reply rt = HTTP_CLIENT.post("/api/v1/tokens", admin, "{\"name\":\"crash-requestor\",\"role\":\"REQUESTOR\"}");
        assertEquals(rt.body(), 201, rt.status());
        requestor = json(rt.body()).path("token").asText();
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            CONTRIBUTORS[i] = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor-" + i).offline()
                    .env("SHARER_COORDINATOR_URL", "http://127.0.0.1:" + HTTP).env("SHARER_JOIN_TOKEN", joinToken)
                    .config("org.sharercloud.contributor.cfg", "name", "crash-" + i)
                    .config("org.sharercloud.contributor.cfg", "runtime", "process")
                    .config("org.sharercloud.contributor.cfg", "pause.when.owner.active", "false")
                    .config("org.sharercloud.contributor.cfg", "max.cpu.share", "1.0")
                    .config("org.sharercloud.contributor.cfg", "max.memory.mb", "8192")
                    .config("org.sharercloud.contributor.cfg", "retry.max.seconds", "5")
                    .config("org.sharercloud.contributor.cfg", "workload.cgroup", "/")
                    .config("org.sharercloud.runtime.process.cfg", "enabled", "true");
            CONTRIBUTORS[i].start();
        }
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

    @Test
    public void killingTheCoordinatorWithJobsInFlightLosesAndDuplicatesNothing() throws Exception {
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            awaitProcessRuntime("crash-" + i);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            Http.Reply r = HTTP_CLIENT.post("/api/v1/workloads", requestor, "{\"name\":\"crash-" + i + "\",\"runtime\":\"process\","
                    + "\"command\":[\"sh\",\"-c\",\"sleep " + JOB_SECONDS + "; echo done " + i + "\"],\"cpuMillis\":1,\"memoryMb\":16,"
                    + "\"timeoutSeconds\":" + Math.max(120, JOB_SECONDS + 100) + ",\"maxRetries\":5}");
            assertEquals(r.body(), 201, r.status());
            ids.add(json(r.body()).path("id").asText());
        }
        Thread.sleep(KILL_AFTER_MILLIS);
        int doneBeforeKill = count(ids, "SUCCEEDED");
        assertTrue("jobs are in flight at the kill (" + doneBeforeKill + " of " + JOBS + " done)", doneBeforeKill < JOBS);
        coordinator.kill();
        long killedAt = System.nanoTime();
        Thread.sleep(3_000); // the agents notice, retry their reports, finish what they run
        coordinator.startCoordinator(HTTP_CLIENT);
        long upAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
        Wait.until(JOBS * 1_000L + 240_000, "every job final", () -> count(ids, null) == JOBS,
                () -> "final " + count(ids, null) + " of " + JOBS + "; members " + HTTP_CLIENT.get("/api/v1/members", admin).body());
        long allDoneMillis = (System.nanoTime() - killedAt) / 1_000_000;

        int succeeded = 0;
        int duplicated = 0;
        for (String id : ids) {
            JsonNode w = json(HTTP_CLIENT.get("/api/v1/workloads/" + id, admin).body());
            int ok = 0;
            for (JsonNode a : w.path("attempts")) {
                ok += "SUCCEEDED".equals(a.path("state").asText()) ? 1 : 0;
            }
            succeeded += "SUCCEEDED".equals(w.path("state").asText()) ? 1 : 0;
            duplicated += ok > 1 ? 1 : 0;
            assertEquals("one SUCCEEDED attempt for " + w, 1, ok);
        }
        Map<String, Integer> credited = new HashMap<>();
        for (JsonNode m : json(HTTP_CLIENT.get("/api/v1/members", admin).body())) {
            JsonNode st = json(HTTP_CLIENT.get("/api/v1/credits?limit=1000&member=" + m.path("id").asText(), admin).body());
            st.path("entries").forEach(e -> credited.merge(e.path("workloadId").asText(), 1, Integer::sum));
            assertEquals("agents reconnect by themselves: " + m, "ONLINE", m.path("state").asText());
            assertEquals("no booking outlives its attempts: " + m, 0, m.path("allocated").path("attempts").asInt());
        }
        int creditedTwice = (int) credited.values().stream().filter(n -> n > 1).count();
        System.out.printf("CRASH-FIGURES jobs=%d contributors=%d kills=1 doneBeforeKill=%d inFlightAtKill=%d succeeded=%d lost=%d duplicated=%d "
                + "creditedTwice=%d coordinatorUpAfterMs=%d allDoneAfterKillMs=%d%n", JOBS, CONTRIBUTORS.length, doneBeforeKill,
                JOBS - doneBeforeKill, succeeded, JOBS - succeeded, duplicated, creditedTwice, upAfterMillis, allDoneMillis);
        assertEquals("every job SUCCEEDED (lost = 0)", JOBS, succeeded);
        assertEquals("no job completed twice", 0, duplicated);
        for (String id : ids) {
            assertEquals("credited exactly once: " + id, Integer.valueOf(1), credited.get(id));
        }
    }

    /**
     * {@code kill -9} of a contributor with long jobs running there: its attempts become LOST when it goes OFFLINE and
     * complete on the other member; when it comes back, the processes it left running are killed by its cleanup, the
     * stops queued for it are answered, and no job completes or is credited twice.
     */
    @Test
    public void killingAContributorMidRunLosesItsWorkToTheOtherAndItsOrphansAreRemoved() throws Exception {
        for (int i = 0; i < CONTRIBUTORS.length; i++) {
            awaitProcessRuntime("crash-" + i);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Http.Reply r = HTTP_CLIENT.post("/api/v1/workloads", requestor, "{\"name\":\"long-" + i + "\",\"runtime\":\"process\","
                    + "\"command\":[\"sh\",\"-c\",\"sleep 45; echo done\"],\"cpuMillis\":1,\"memoryMb\":16,"
                    + "\"timeoutSeconds\":300,\"maxRetries\":3}");
            assertEquals(r.body(), 201, r.status());
            ids.add(json(r.body()).path("id").asText());
        }
        String[] victim = new String[1];
        Wait.until(120_000, "a long job RUNNING", () -> (victim[0] = runningMember(ids)) != null, () -> HTTP_CLIENT.get("/api/v1/members", admin).body());
        int v = memberId("crash-0").equals(victim[0]) ? 0 : 1;
        String name = "crash-" + v;
        Path work = CONTRIBUTORS[v].home().resolve("data/runtime/process");
        CONTRIBUTORS[v].kill();
        // runs in the bubblewrap sandbox die with their agent (--die-with-parent); plain processes (sandbox = none) outlive
        // it and must be removed when it returns
        List<Long> left = orphans(work);
        Wait.until(90_000, name + " OFFLINE", () -> "OFFLINE".equals(stateOf(name)), () -> stateOf(name));
        assertEquals("its attempts LOST at once", 0, runningOn(ids, victim[0]));
        CONTRIBUTORS[v].start();
        awaitProcessRuntime(name);
        Wait.until(60_000, "the orphans of the killed agent removed", () -> orphans(work).isEmpty(), () -> orphans(work).toString());
        Wait.until(300_000, "every long job final", () -> count(ids, null) == ids.size(), () -> "final " + count(ids, null));
        Map<String, Integer> credited = credits();
        for (String id : ids) {
            JsonNode w = json(HTTP_CLIENT.get("/api/v1/workloads/" + id, admin).body());
            assertEquals(w.toString(), "SUCCEEDED", w.path("state").asText());
            int ok = 0;
            for (JsonNode a : w.path("attempts")) {
                ok += "SUCCEEDED".equals(a.path("state").asText()) ? 1 : 0;
            }
            assertEquals("one SUCCEEDED attempt: " + w, 1, ok);
            assertEquals("credited once: " + id, Integer.valueOf(1), credited.get(id));
        }
        String log = CONTRIBUTORS[v].log();
        if (!left.isEmpty()) {
            assertTrue("the killed agent's leftovers were cleaned at its return:\n" + log, log.contains("process(es) an earlier agent left running"));
        }
    }

    private static String memberId(String name) {
        for (JsonNode m : json(HTTP_CLIENT.get("/api/v1/members", admin).body())) {
            if (name.equals(m.path("name").asText())) {
                return m.path("id").asText();
            }
        }
        throw new AssertionError("no member " + name);
    }

    private static String stateOf(String name) {
        for (JsonNode m : json(HTTP_CLIENT.get("/api/v1/members", admin).body())) {
            if (name.equals(m.path("name").asText())) {
                return m.path("state").asText();
            }
        }
        return "absent";
    }

    /** The member of one RUNNING attempt of these workloads, or null. */
    private static String runningMember(List<String> ids) {
        for (String id : ids) {
            for (JsonNode a : json(HTTP_CLIENT.get("/api/v1/workloads/" + id, admin).body()).path("attempts")) {
                if ("RUNNING".equals(a.path("state").asText())) {
                    return a.path("memberId").asText();
                }
            }
        }
        return null;
    }

    private static int runningOn(List<String> ids, String memberId) {
        int n = 0;
        for (String id : ids) {
            for (JsonNode a : json(HTTP_CLIENT.get("/api/v1/workloads/" + id, admin).body()).path("attempts")) {
                n += memberId.equals(a.path("memberId").asText()) && "RUNNING".equals(a.path("state").asText()) ? 1 : 0;
            }
        }
        return n;
    }

    /** Processes working under the process runtime's folder of a contributor (its runs). */
    private static List<Long> orphans(Path work) {
        List<Long> found = new ArrayList<>();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                try {
                    // a run's own processes, or the sandbox (bubblewrap) holding its folder by the host path
                    if (p.getFileName().toString().matches("\\d+") && (Files.readSymbolicLink(p.resolve("cwd")).startsWith(work)
                            || new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                                    .contains(work.toString() + "/"))) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone, or not readable
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    private static Map<String, Integer> credits() {
        Map<String, Integer> credited = new HashMap<>();
        for (JsonNode m : json(HTTP_CLIENT.get("/api/v1/members", admin).body())) {
            JsonNode st = json(HTTP_CLIENT.get("/api/v1/credits?limit=1000&member=" + m.path("id").asText(), admin).body());
            st.path("entries").forEach(e -> credited.merge(e.path("workloadId").asText(), 1, Integer::sum));
        }
        return credited;
    }

    private static void awaitProcessRuntime(String name) {
        Wait.until(90_000, name + " ONLINE with the process runtime", () -> {
            for (JsonNode m : json(HTTP_CLIENT.get("/api/v1/members", admin).body())) {
                if (name.equals(m.path("name").asText()) && "ONLINE".equals(m.path("state").asText())
                        && m.path("runtimes").path("process").path("available").asBoolean()) {
                    return true;
                }
            }
            return false;
        }, () -> HTTP_CLIENT.get("/api/v1/members", admin).body());
    }

    /** How many of the workloads are in {@code state} (null: in any final state). */
    private static int count(List<String> ids, String state) {
        int n = 0;
        for (String id : ids) {
            Http.Reply r = HTTP_CLIENT.get("/api/v1/workloads/" + id, admin);
            if (r.status() != 200) {
                continue;
            }
            String s = json(r.body()).path("state").asText();
            boolean fin = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED").contains(s);
            n += state == null ? (fin ? 1 : 0) : (state.equals(s) ? 1 : 0);
        }
        return n;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
