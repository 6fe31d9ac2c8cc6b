package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code karaf-assembly/demo.sh} as a new user runs it, on a machine where the contributor cannot reach Docker
 * ({@code DOCKER_HOST} points at a socket that does not exist): the demo's contributor reports no Docker, the demo
 * enables its process runtime, says so, submits the sample with {@code runtime: process}, and the sample SUCCEEDS with
 * its output printed. Then, against the same running coordinator: a client that closes its connection while
 * following a workload's logs leaves no ERROR (and no stack trace) in {@code karaf.log}.
 *
 * <p>The demo runs from a scratch copy of the tree (its {@code pom.xml}, {@code demo.sh} and the two built
 * distributions) on ports 18881/18801, exactly as a user runs it: the demo's contributor shares the machine even
 * while other work keeps it busy (the demo's own choice, see demo.sh), so a busy build machine does not keep the
 * sample waiting.
 */
public class DemoIT {
    private static final Path ROOT = Path.of("target", "demo-it").toAbsolutePath();
    private static final int HTTP = 18881;
    private static final int SSH = 18801;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Http HTTP_CLIENT = new Http(HTTP);
    private static String output;
    private static int exit;

    @BeforeClass
    public static void runTheDemo() throws Exception {
        Distribution.run(List.of("rm", "-rf", ROOT.toString()), 60);
        String version = System.getProperty("project.version");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Files.createDirectories(ROOT.resolve("karaf-assembly/coordinator/target"));
        Files.createDirectories(ROOT.resolve("karaf-assembly/contributor/target"));
        Files.copy(repo.resolve("pom.xml"), ROOT.resolve("pom.xml"));
        Files.copy(repo.resolve("karaf-assembly/demo.sh"), ROOT.resolve("karaf-assembly/demo.sh"));
        Files.createSymbolicLink(ROOT.resolve("karaf-assembly/coordinator/target/sharer-coordinator-" + version + ".tar.gz"),
                Distribution.coordinatorTarGz().toAbsolutePath());
        Files.createSymbolicLink(ROOT.resolve("karaf-assembly/contributor/target/sharer-contributor-" + version + ".tar.gz"),
                Distribution.contributorTarGz().toAbsolutePath());

        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("karaf-assembly/demo.sh").toString());
        pb.environment().put("SHARER_HTTP_PORT", Integer.toString(HTTP));
        pb.environment().put("SHARER_SSH_PORT", Integer.toString(SSH));
        pb.environment().put("DOCKER_HOST", "unix://" + ROOT.resolve("no-docker-here.sock"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes(); // the demo returns once the sample is final
        boolean done = p.waitFor(420, TimeUnit.SECONDS);
        output = new String(out, StandardCharsets.UTF_8);
        Files.writeString(ROOT.resolve("demo.out"), output);
        exit = done ? p.exitValue() : -1;
    }

    @AfterClass
    public static void stopWhatTheDemoStarted() throws Exception {
        for (String dist : List.of("contributor", "coordinator")) {
            Path home = ROOT.resolve("target/demo").resolve(dist);
            if (Files.exists(home.resolve("bin/stop"))) {
                Distribution.run(List.of(home.resolve("bin/stop").toString()), 60);
            }
        }
        Wait.until(60_000, "the demo's JVMs to stop", () -> ProcessHandle.allProcesses().noneMatch(ph -> ph.info().commandLine()
                .map(c -> c.contains("-Dkaraf.base=" + ROOT)).orElse(false)));
    }

    @Test
    public void withoutDockerTheDemoRunsTheSampleAsAProcessAndPrintsItsOutput() {
        assertEquals("demo.sh exit code; its output:\n" + output, 0, exit);
        assertTrue(output, output.contains("Docker does not work for the contributor here (no reachable Docker engine at unix://"
                + ROOT.resolve("no-docker-here.sock") + ")"));
        assertTrue(output, output.contains("enables the contributor's PROCESS runtime"));
        assertTrue(output, output.contains("(process runtime); following it:"));
        assertTrue("the sample's own output is printed:\n" + output, output.contains("  | there are 95 primes below 500"));
        assertTrue(output, output.contains("Watch it in the portal: http://127.0.0.1:" + HTTP + "/"));
        assertTrue(output, output.contains("The sample SUCCEEDED."));

        String admin = token("coordinator/data/sharer/admin.token");
        JsonNode workloads = json(HTTP_CLIENT.get("/api/v1/workloads", admin).body());
        JsonNode sample = null;
        for (JsonNode w : workloads) {
            sample = "demo-sample".equals(w.path("spec").path("name").asText()) ? w : sample;
        }
        assertTrue(workloads.toString(), sample != null);
        assertEquals("process", sample.path("spec").path("runtime").asText());
        assertEquals("SUCCEEDED", sample.path("state").asText());
        JsonNode member = json(HTTP_CLIENT.get("/api/v1/members", admin).body()).get(0);
        assertFalse(member.toString(), member.path("runtimes").path("docker").path("available").asBoolean());
        assertTrue(member.toString(), member.path("runtimes").path("docker").path("detail").asText().startsWith("no reachable Docker engine"));
        assertFalse("kept for older clients", member.path("host").path("dockerAvailable").asBoolean());
        assertTrue(member.toString(), member.path("runtimes").path("process").path("available").asBoolean());
        String contributorLog = read(ROOT.resolve("target/demo/contributor/data/log/karaf.log"));
        assertFalse("no Docker, no attempt to clean up containers there:\n" + contributorLog,
                contributorLog.contains("Cleaning up leftovers of the docker runtime failed"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void aDockerWorkloadWaitsAndSaysWhyWhileNoMemberRunsDocker() {
        String req = token("requestor.token");
        Http.Reply r = HTTP_CLIENT.post("/api/v1/workloads", req, "{\"image\":\"sharer/busybox:test\",\"command\":[\"true\"]}");
        assertEquals(r.body(), 201, r.status());
        String id = json(r.body()).path("id").asText();
        Wait.until(30_000, "why pending names the missing runtime", () -> json(HTTP_CLIENT.get("/api/v1/workloads/" + id, req).body())
                .path("pending").path(0).path("summary").asText().startsWith("no member can run docker workloads: 1 has no reachable "
                        + "Docker engine at unix://"), () -> HTTP_CLIENT.get("/api/v1/workloads/" + id, req).body());
        assertEquals("PENDING", json(HTTP_CLIENT.get("/api/v1/workloads/" + id, req).body()).path("state").asText());
        assertEquals(200, HTTP_CLIENT.delete("/api/v1/workloads/" + id, req).status());
    }

    @Test
    public void aClientLeavingWhileFollowingLogsLeavesNoErrorInTheLog() throws Exception {
        String req = token("requestor.token");
        Http.Reply r = HTTP_CLIENT.post("/api/v1/workloads", req, "{\"name\":\"chatty\",\"runtime\":\"process\",\"command\":[\"sh\",\"-c\","
                + "\"i=0; while [ $i -lt 240 ]; do echo line $i; i=$((i+1)); sleep 0.25; done\"],\"timeoutSeconds\":120}");
        assertEquals(r.body(), 201, r.status());
        String id = json(r.body()).path("id").asText();
        Wait.until(120_000, "the chatty job RUNNING", () -> "RUNNING".equals(json(HTTP_CLIENT.get("/api/v1/workloads/" + id, req).body())
                .path("state").asText()), () -> HTTP_CLIENT.get("/api/v1/workloads/" + id, req).body());
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket("127.0.0.1", HTTP)) {
                OutputStream out = s.getOutputStream();
                out.write(("GET /api/v1/workloads/" + id + "/logs?follow=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + req
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String got = new String(in.readNBytes(300), StandardCharsets.UTF_8);
                assertTrue(got, got.startsWith("HTTP/1.1 200") && got.contains("line "));
            } // closed while the coordinator still streams
        }
        Thread.sleep(3000); // the next lines meet the closed connections
        assertEquals(200, HTTP_CLIENT.delete("/api/v1/workloads/" + id, req).status());
        String log = Files.readString(ROOT.resolve("target/demo/coordinator/data/log/karaf.log"));
        for (String bad : List.of("| ERROR", "EofException", "Broken pipe", "Problem with writing the data", "unwinding now")) {
            assertFalse(bad + " in the coordinator's log:\n" + log.lines().filter(l -> l.contains(bad)).findFirst().orElse(""),
                    log.contains(bad));
        }
    }

    private static String token(String file) {
        try {
            return Files.readString(ROOT.resolve("target/demo").resolve(file)).strip();
        } catch (IOException e) {
            throw new AssertionError("the demo left no " + file + "; its output:\n" + output, e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
