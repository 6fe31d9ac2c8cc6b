package org.sharercloud.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Submit-to-running and submit-to-completed latency of a trivial job, one job at a time, against a
 * running coordinator with at least one contributor (real HTTP on 127.0.0.1, real Docker). Times are
 * the coordinator's own: attempt {@code startedAt} (the agent reported the container started) and
 * {@code finishedAt} minus the workload's {@code submittedAt} (the API accepted it). Meanwhile a watcher
 * polls {@code GET /api/v1/members} every 250 ms and reports the members' state changes and loads it saw
 * (a member that turns DRAINING under our own load is what makes the tail slow).
 *
 * <pre>java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.load.JobLatency \
 *   --url http://127.0.0.1:8181 --token-file DIST/data/sharer/admin.token --jobs 200 --image sharer/busybox:test [--wait-seconds 120]</pre>
 * A job not finished within {@code --wait-seconds} is reported, cancelled (so the next one is again alone) and
 * left out of the percentiles.
 */
public final class JobLatency {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8181";
        String tokenFile = null;
        String image = "sharer/busybox:test";
        int jobs = 200;
        int waitSeconds = 120;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token-file" -> tokenFile = args[i + 1];
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--image" -> image = args[i + 1];
                case "--wait-seconds" -> waitSeconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tokenFile == null || !(url.startsWith("http://127.0.0.1") || url.startsWith("http://localhost"))) {
            throw new IllegalArgumentException("--token-file is required and --url must be on this machine");
        }
        HttpClient http = HttpClient.newHttpClient();
        String admin = Files.readString(Path.of(tokenFile)).strip();
        String requestor = call(http, "POST", url + "/api/v1/tokens", admin, "{\"name\":\"job-latency\",\"role\":\"REQUESTOR\"}").path("token").asText();
        String spec = "{\"name\":\"trivial\",\"image\":\"" + image + "\",\"command\":[\"true\"],\"cpuMillis\":100,\"memoryMb\":32,"
                + "\"timeoutSeconds\":60,\"maxRetries\":0}";
        MemberWatch watch = MemberWatch.start(http, url, admin);
        long[] toRunning = new long[jobs];
        long[] toDone = new long[jobs];
        int ok = 0;
        for (int j = 0; j < jobs; j++) {
            String id = call(http, "POST", url + "/api/v1/workloads", requestor, spec).path("id").asText();
            JsonNode w = null;
            long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                w = call(http, "GET", url + "/api/v1/workloads/" + id, requestor, null);
                String state = w.has("workload") ? w.path("workload").path("state").asText() : w.path("state").asText();
                if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("TIMED_OUT") || state.equals("CANCELLED")) {
                    break;
                }
                Thread.sleep(20);
            }
            JsonNode wl = w.has("workload") ? w.path("workload") : w;
            JsonNode attempt = wl.path("attempts").get(wl.path("attempts").size() - 1);
            if (!"SUCCEEDED".equals(wl.path("state").asText()) || attempt == null) {
                System.out.println("job " + id + " still " + wl.path("state").asText() + " after " + waitSeconds + " s (not counted below): "
                        + wl.path("reason").asText());
                call(http, "DELETE", url + "/api/v1/workloads/" + id, requestor, null); // one at a time: it must not run later
                continue;
            }
            Instant submitted = Instant.parse(wl.path("submittedAt").asText());
            toRunning[ok] = Duration.between(submitted, Instant.parse(attempt.path("startedAt").asText())).toMillis();
            toDone[ok] = Duration.between(submitted, Instant.parse(attempt.path("finishedAt").asText())).toMillis();
            ok++;
        }
        watch.stop();
        long[] run = Arrays.copyOf(toRunning, ok);
        long[] done = Arrays.copyOf(toDone, ok);
        Arrays.sort(run);
        Arrays.sort(done);
        System.out.printf("jobs=%d succeeded=%d%n", jobs, ok);
        System.out.printf("submit->running   ms: p50=%d p90=%d p99=%d max=%d%n", p(run, 50), p(run, 90), p(run, 99), ok == 0 ? 0 : run[ok - 1]);
        System.out.printf("submit->completed ms: p50=%d p90=%d p99=%d max=%d%n", p(done, 50), p(done, 90), p(done, 99), ok == 0 ? 0 : done[ok - 1]);
        System.out.printf("jobs waiting over 2 s / 30 s to run: %d / %d%n", Arrays.stream(run).filter(t -> t > 2000).count(),
                Arrays.stream(run).filter(t -> t > 30_000).count());
        watch.report(System.out);
    }

    private static long p(long[] sorted, int pct) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(pct / 100.0 * sorted.length) - 1)];
    }

    static JsonNode call(HttpClient http, String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
