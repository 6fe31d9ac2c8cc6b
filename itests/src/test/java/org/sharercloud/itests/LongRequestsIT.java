package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Log followers through the real coordinator distribution (one boot): 300 followers (more than the 64 the coordinator
 * allowed when each held a server thread) attach to PENDING workloads under 38 requestor tokens and stay attached while
 * 20 simulated members heartbeat every second: every heartbeat is answered 200 and every member stays ONLINE. A
 * simulated agent then runs one workload (long-poll, LOG events, RESULT): its follower gets the lines as they are
 * reported and the end of the stream with the workload. A ninth follow by one caller is 429 with {@code Retry-After}
 * and the JSON error naming {@code follow}. The figures under load are {@code benchmarks/} ({@code FollowLoad} beside
 * {@code HeartbeatLoad}, docs/benchmarks.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LongRequestsIT {
    static final int HTTP = 18691;
    static final int SSH = 18692;
    private static final int FOLLOWERS = 300;
    private static final int MEMBERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Http http = new Http(HTTP);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @Configuration
    public Option[] config() {
        return Exam.distribution("org.sharercloud", "sharer-coordinator", Exam.version(), HTTP, SSH);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private JsonNode created(Http.Reply r) {
        assertEquals(r.body(), 201, r.status());
        return json(r.body());
    }

    /** A follower on a raw socket: its status line is read before it returns. */
    private static final class Follower implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final StringBuilder got = new StringBuilder();

        Follower(String token, String workload) throws IOException {
            socket = new Socket("127.0.0.1", HTTP);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/workloads/" + workload + "/logs?follow=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = socket.getInputStream();
            readUntil("\r\n\r\n");
        }

        /** Still open: a short read times out (nothing sent, nothing ended) rather than meeting the end of the stream. */
        boolean open() throws IOException {
            socket.setSoTimeout(5);
            try {
                int n = in.read(new byte[4096]);
                return n > 0;
            } catch (java.net.SocketTimeoutException quiet) {
                return true;
            } finally {
                socket.setSoTimeout(60_000);
            }
        }

        int status() {
            return Integer.parseInt(got.substring(9, 12));
        }

        String readUntil(String part) throws IOException {
            byte[] buf = new byte[4096];
            while (!got.toString().contains(part)) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("the stream ended before '" + part + "': " + got);
                }
                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return got.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String joinBody(String joinToken, int n) {
        return "{\"joinToken\":\"" + joinToken + "\",\"name\":\"lr-" + n + "\",\"host\":{\"machineId\":\"lr-machine-" + n
                + "\",\"hostname\":\"lr-" + n + "\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":8,\"memoryMb\":16384,\"diskMb\":100000,"
                + "\"dockerAvailable\":true,\"labels\":{\"lr\":\"" + n + "\"}},\"policy\":{\"maxCpuShare\":0.5,\"maxMemoryMb\":8192,"
                + "\"sharingHours\":\"0-24\",\"pauseWhenOwnerActive\":false,\"ownerActiveThreshold\":0.9}}";
    }

    private static final String BEAT = "{\"metrics\":{\"cpuLoad\":0.1,\"ownerLoad\":0.05,\"memoryUsedMb\":4096,\"memoryTotalMb\":16384,"
            + "\"diskFreeMb\":90000,\"uptimeSeconds\":1000},\"host\":null,\"policy\":null}";

    private int beat(String credential) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1/agent/heartbeat"))
                    .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(BEAT)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    public void threeHundredFollowersLeaveHeartbeatsAnsweredAndMembersOnlineAndStreamsStillDeliver() throws Exception {
        Wait.until(120_000, "health 200", () -> http.get("/api/v1/health", null).status() == 200, () -> http.get("/api/v1/health", null).body());
        String admin = Files.readString(Path.of(System.getProperty("karaf.data"), "sharer", "admin.token")).strip();
        String joinToken = created(http.post("/api/v1/join-tokens", admin, "{\"ttl\":\"PT1H\",\"uses\":" + MEMBERS + "}")).path("token").asText();
        List<String> members = new ArrayList<>();
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            JsonNode j = created(http.post("/api/v1/agent/join", null, joinBody(joinToken, i)));
            members.add(j.path("memberId").asText());
            credentials.add(j.path("credential").asText());
        }
        // heartbeats every second from every member, from now on
        AtomicInteger beats = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        Thread beater = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long round = System.nanoTime();
                for (String c : credentials) {
                    long t = System.nanoTime();
                    int s = beat(c);
                    slowest.accumulateAndGet(System.nanoTime() - t, Math::max);
                    (s == 200 ? beats : failed).incrementAndGet();
                }
                long sleep = 1_000_000_000L - (System.nanoTime() - round);
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "heartbeats");
        beater.setDaemon(true);
        beater.start();

        List<String[]> targets = new ArrayList<>();
        for (int t = 0; targets.size() < FOLLOWERS; t++) {
            String token = created(http.post("/api/v1/tokens", admin, "{\"name\":\"follower-" + t + "\",\"role\":\"REQUESTOR\"}")).path("token").asText();
            for (int i = 0; i < 8 && targets.size() < FOLLOWERS; i++) {
                String id = created(http.post("/api/v1/workloads", token, "{\"name\":\"parked-" + i + "\",\"image\":\"sharer/busybox:test\","
                        + "\"command\":[\"true\"],\"constraints\":{\"nowhere\":\"true\"}}")).path("id").asText();
                targets.add(new String[] {token, id});
            }
        }
        List<Follower> followers = new ArrayList<>();
        try {
            for (String[] t : targets) {
                Follower f = new Follower(t[0], t[1]);
                followers.add(f);
                assertEquals("follower " + followers.size() + ": " + f.got, 200, f.status());
            }
            // the per-caller cap: the first token already follows 8
            Http.Reply ninth = http.get("/api/v1/workloads/" + targets.get(0)[1] + "/logs?follow=true", targets.get(0)[0]);
            assertEquals(ninth.body(), 429, ninth.status());
            assertEquals("follow", json(ninth.body()).path("field").asText());
            HttpResponse<String> raw = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/api/v1/workloads/"
                    + targets.get(0)[1] + "/logs?follow=true")).header("Authorization", "Bearer " + targets.get(0)[0]).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue("429 says when to retry", raw.headers().firstValue("Retry-After").isPresent());

            // 20 s with all 300 attached: every heartbeat answered, every member ONLINE
            int before = beats.get();
            failed.set(0);
            slowest.set(0);
            Thread.sleep(20_000);
            assertEquals("heartbeats not answered 200 while " + FOLLOWERS + " followers are attached", 0, failed.get());
            assertTrue("heartbeats went on: " + (beats.get() - before), beats.get() - before >= MEMBERS * 5);
            JsonNode list = json(http.get("/api/v1/members?limit=1000", admin).body());
            JsonNode items = list.isArray() ? list : list.path("items");
            int online = 0;
            for (JsonNode m : items) {
                if (members.contains(m.path("id").asText()) && "ONLINE".equals(m.path("state").asText())) {
                    online++;
                }
            }
            assertEquals("members ONLINE with " + FOLLOWERS + " followers attached: " + list, MEMBERS, online);
            for (Follower f : followers) {
                assertTrue("follower still attached after the 20 s", f.open());
            }
            System.out.printf("LONG-REQUESTS-FIGURES followers=%d heartbeats=%d slowest=%.1f ms%n", FOLLOWERS, beats.get() - before,
                    slowest.get() / 1e6);

            // a stream still delivers: a simulated agent runs one workload while the 300 stay attached
            String owner = created(http.post("/api/v1/tokens", admin, "{\"name\":\"watcher\",\"role\":\"REQUESTOR\"}")).path("token").asText();
            String id = created(http.post("/api/v1/workloads", owner, "{\"name\":\"talks\",\"image\":\"sharer/busybox:test\","
                    + "\"command\":[\"true\"],\"constraints\":{\"lr\":\"0\"}}")).path("id").asText();
            try (Follower watcher = new Follower(owner, id)) {
                assertEquals(200, watcher.status());
                JsonNode start = null;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (start == null && System.nanoTime() < end) {
                    JsonNode a = json(http.get("/api/v1/agent/assignments?waitSeconds=5", credentials.get(0)).body());
                    for (JsonNode s : a.path("start")) {
                        if (id.equals(s.path("workloadId").asText())) {
                            start = s;
                        }
                    }
                }
                assertTrue("the workload reached the simulated agent", start != null);
                String events = "/api/v1/agent/attempts/" + start.path("attemptId").asText() + "/events";
                long token = start.path("fencingToken").asLong();
                assertEquals(200, http.post(events, credentials.get(0), "{\"fencingToken\":" + token + ",\"type\":\"RUNNING\"}").status() / 100 * 100);
                assertEquals(200, http.post(events, credentials.get(0), "{\"fencingToken\":" + token
                        + ",\"type\":\"LOG\",\"stream\":\"stdout\",\"text\":\"first line\\n\"}").status() / 100 * 100);
                watcher.readUntil("first line\n");
                assertEquals(200, http.post(events, credentials.get(0), "{\"fencingToken\":" + token
                        + ",\"type\":\"LOG\",\"stream\":\"stdout\",\"text\":\"second line\\n\"}").status() / 100 * 100);
                watcher.readUntil("second line\n");
                assertEquals(200, http.post(events, credentials.get(0), "{\"fencingToken\":" + token
                        + ",\"type\":\"RESULT\",\"outcome\":\"SUCCEEDED\",\"exitCode\":0,\"cpuSeconds\":0.1,\"peakMemoryMb\":1}").status() / 100 * 100);
                String all = watcher.readUntil("\r\n0\r\n\r\n"); // the stream ends with the workload
                assertTrue(all, all.indexOf("first line") < all.indexOf("second line"));
            }
        } finally {
            beater.interrupt();
            for (Follower f : followers) {
                f.close();
            }
        }
    }
}
