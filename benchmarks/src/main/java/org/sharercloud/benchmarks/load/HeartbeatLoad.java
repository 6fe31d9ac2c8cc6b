package org.sharercloud.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated agents against a running coordinator (real HTTP on 127.0.0.1): joins N members, then
 * sends their heartbeats at N / interval per second for a fixed time, and prints throughput,
 * latency percentiles and the coordinator's CPU and memory.
 *
 * <pre>java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.load.HeartbeatLoad \
 *   --url http://127.0.0.1:8181 --token-file DIST/data/sharer/admin.token --members 10000 --interval 5 --seconds 60 --pid PID</pre>
 */
public final class HeartbeatLoad {
    private static final Pattern FIELD = Pattern.compile("\"(token|memberId|credential)\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        if (!a.url.startsWith("http://127.0.0.1") && !a.url.startsWith("http://localhost") && !a.url.startsWith("http://[::1]")) {
            throw new IllegalArgumentException("load is only ever sent to this machine (127.0.0.1, localhost, [::1])");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        String admin = Files.readString(Path.of(a.tokenFile)).strip();
        String joinToken = field(post(http, a.url + "/api/v1/join-tokens", admin,
                "{\"ttl\":\"PT2H\",\"uses\":" + a.members + "}"), "token");
        String[] credentials = join(http, a, joinToken);
        System.out.printf("joined %d members%n", credentials.length);

        long rate = Math.max(1, a.members / a.interval);
        long periodNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        Semaphore inFlight = new Semaphore(a.concurrency);
        long[] cpuBefore = Proc.cpuTicks(a.pid);
        long start = System.nanoTime();
        long end = start + a.seconds * 1_000_000_000L;
        long sent = 0;
        for (long next = start; next < end; next += periodNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            inFlight.acquire();
            String cred = credentials[(int) (sent++ % credentials.length)];
            long t0 = System.nanoTime();
            http.sendAsync(heartbeat(a.url, cred, sent), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.release();
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - t0);
                }
            });
        }
        inFlight.acquire(a.concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = Proc.cpuTicks(a.pid);
        report(a, latencies, errors.get(), sent, elapsed, cpuBefore, cpuAfter);
    }

    private static String[] join(HttpClient http, Args a, String joinToken) throws Exception {
        String[] creds = new String[a.members];
        Semaphore par = new Semaphore(16);
        CompletableFuture<?>[] all = new CompletableFuture<?>[a.members];
        for (int i = 0; i < a.members; i++) {
            int n = i;
            par.acquire();
            String body = "{\"joinToken\":\"" + joinToken + "\",\"name\":\"sim-" + n + "\",\"host\":{\"machineId\":\"sim-machine-" + n
                    + "\",\"hostname\":\"sim-" + n + "\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":8,\"memoryMb\":16384,\"diskMb\":100000,"
                    + "\"dockerAvailable\":true,\"labels\":{\"sim\":\"true\"}},\"policy\":{\"maxCpuShare\":0.5,\"maxMemoryMb\":8192,"
                    + "\"sharingHours\":\"0-24\",\"pauseWhenOwnerActive\":false,\"ownerActiveThreshold\":0.9}}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(a.url + "/api/v1/agent/join")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build();
            all[n] = http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                par.release();
                if (e == null && r.statusCode() == 201) {
                    creds[n] = field(r.body(), "credential");
                }
            });
        }
        CompletableFuture.allOf(all).join();
        return Arrays.stream(creds).filter(c -> c != null).toArray(String[]::new);
    }

    private static HttpRequest heartbeat(String url, String credential, long seq) {
        double load = (seq % 100) / 100.0;
        String body = "{\"metrics\":{\"cpuLoad\":" + load + ",\"ownerLoad\":" + load / 2 + ",\"memoryUsedMb\":4096,\"memoryTotalMb\":16384,"
                + "\"diskFreeMb\":90000,\"uptimeSeconds\":" + (1000 + seq) + "},\"host\":null,\"policy\":null}";
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/agent/heartbeat")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + credential).POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static void report(Args a, ConcurrentLinkedQueue<Long> lat, long errors, long sent, double elapsed, long[] cpu0, long[] cpu1) {
        long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("members=%d interval=%ds offered=%.0f/s sent=%d ok=%d errors=%d elapsed=%.1fs%n", a.members, a.interval,
                (double) a.members / a.interval, sent, l.length, errors, elapsed);
        System.out.printf("throughput=%.0f heartbeats/s  latency ms: p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n", l.length / elapsed,
                pct(l, 50), pct(l, 90), pct(l, 99), pct(l, 99.9), l.length == 0 ? 0 : l[l.length - 1] / 1e6);
        if (a.pid > 0) {
            double cpuSeconds = (cpu1[0] - cpu0[0]) / 100.0;
            System.out.printf("coordinator pid %d: CPU %.0f%% of one core (%.1f CPU-s over %.1f s), RSS %d MB%n", a.pid,
                    100 * cpuSeconds / elapsed, cpuSeconds, elapsed, Proc.rssKb(a.pid) / 1024);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static String post(HttpClient http, String url, String token, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    /** Command-line arguments. */
    static final class Args {
        String url = "http://127.0.0.1:8181";
        String tokenFile;
        int members = 10_000;
        int interval = 5;
        int seconds = 60;
        int concurrency = 256;
        long pid = -1;

        static Args parse(String[] args) {
            Args a = new Args();
            List<String> l = List.of(args);
            for (int i = 0; i + 1 < l.size(); i += 2) {
                String v = l.get(i + 1);
                switch (l.get(i)) {
                    case "--url" -> a.url = v;
                    case "--token-file" -> a.tokenFile = v;
                    case "--members" -> a.members = Integer.parseInt(v);
                    case "--interval" -> a.interval = Integer.parseInt(v);
                    case "--seconds" -> a.seconds = Integer.parseInt(v);
                    case "--concurrency" -> a.concurrency = Integer.parseInt(v);
                    case "--pid" -> a.pid = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + l.get(i));
                }
            }
            if (a.tokenFile == null) {
                throw new IllegalArgumentException("--token-file DIST/data/sharer/admin.token is required");
            }
            return a;
        }
    }
}
