package org.sharercloud.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated agents against a running coordinator (real HTTP on 127.0.0.1): joins N members (or reuses
 * the credentials of an earlier run), then sends their heartbeats open-loop at N / interval per second
 * over a few keep-alive connections ({@link RawHttp}, each one request at a time) for a warm-up and
 * then a measured period, and prints throughput, latency percentiles, how late the generator was
 * against its schedule, and the coordinator's (and its own) CPU and memory.
 *
 * <pre>java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.load.HeartbeatLoad \
 *   --url http://127.0.0.1:8181 --token-file DIST/data/sharer/admin.token --members 10000 --interval 5 --seconds 60 --pid PID \
 *   [--warmup 10] [--connections 64] [--credentials-file /tmp/creds.txt]</pre>
 */
public final class HeartbeatLoad {
    private static final Pattern FIELD = Pattern.compile("\"(token|memberId|credential)\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        LoadArgs a = LoadArgs.parse(args);
        URI url = URI.create(a.url);
        String[] credentials = credentials(a, url);
        System.out.printf("%d members ready%n", credentials.length);

        long periodNanos = a.interval * 1_000_000_000L / credentials.length;
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + a.warmup * 1_000_000_000L;
        long end = measureFrom + a.seconds * 1_000_000_000L;
        AtomicLong lastDone = new AtomicLong(measureFrom);
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < a.connections; c++) {
            Worker w = new Worker(new RawHttp(url.getHost(), url.getPort()), credentials, c, a.connections, start, periodNanos, measureFrom, end, lastDone);
            workers.add(w);
            w.thread.start();
        }
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        long[] cpu0 = {Proc.cpuTicks(a.pid)[0], Proc.cpuTicks(ProcessHandle.current().pid())[0]};
        for (Worker w : workers) {
            w.thread.join();
        }
        long[] cpu1 = {Proc.cpuTicks(a.pid)[0], Proc.cpuTicks(ProcessHandle.current().pid())[0]};
        double elapsed = (lastDone.get() - measureFrom) / 1e9;
        Report.print(a, credentials.length, workers, elapsed, cpu0, cpu1);
    }

    /** Credentials from {@code --credentials-file} when it holds enough, else from joining members now (and saved there). */
    private static String[] credentials(LoadArgs a, URI url) throws Exception {
        Path file = a.credentialsFile == null ? null : Path.of(a.credentialsFile);
        if (file != null && Files.exists(file)) {
            List<String> saved = Files.readAllLines(file).stream().filter(s -> !s.isBlank()).toList();
            if (saved.size() >= a.members) {
                return saved.subList(0, a.members).toArray(String[]::new);
            }
        }
        String admin = "Bearer " + Files.readString(Path.of(a.tokenFile)).strip();
        String joinToken;
        try (RawHttp http = new RawHttp(url.getHost(), url.getPort())) {
            int code = http.post("/api/v1/join-tokens", admin, ("{\"ttl\":\"PT2H\",\"uses\":" + a.members + "}").getBytes(StandardCharsets.UTF_8));
            if (code / 100 != 2) {
                throw new IllegalStateException("join-tokens answered " + code + ": " + http.lastBody());
            }
            joinToken = field(http.lastBody(), "token");
        }
        String[] creds = new String[a.members];
        Thread[] joiners = new Thread[16];
        for (int t = 0; t < joiners.length; t++) {
            int first = t;
            joiners[t] = new Thread(() -> {
                try (RawHttp http = new RawHttp(url.getHost(), url.getPort())) {
                    for (int n = first; n < creds.length; n += joiners.length) {
                        if (http.post("/api/v1/agent/join", null, joinBody(joinToken, n)) == 201) {
                            creds[n] = field(http.lastBody(), "credential");
                        }
                    }
                } catch (Exception e) {
                    System.err.println("join failed: " + e);
                }
            });
            joiners[t].start();
        }
        for (Thread t : joiners) {
            t.join();
        }
        String[] ok = java.util.Arrays.stream(creds).filter(c -> c != null).toArray(String[]::new);
        if (file != null) {
            Files.write(file, List.of(ok));
        }
        return ok;
    }

    private static byte[] joinBody(String joinToken, int n) {
        return ("{\"joinToken\":\"" + joinToken + "\",\"name\":\"sim-" + n + "\",\"host\":{\"machineId\":\"sim-machine-" + n
                + "\",\"hostname\":\"sim-" + n + "\",\"os\":\"Linux\",\"arch\":\"amd64\",\"cores\":8,\"memoryMb\":16384,\"diskMb\":100000,"
                + "\"dockerAvailable\":true,\"labels\":{\"sim\":\"true\"}},\"policy\":{\"maxCpuShare\":0.5,\"maxMemoryMb\":8192,"
                + "\"sharingHours\":\"0-24\",\"pauseWhenOwnerActive\":false,\"ownerActiveThreshold\":0.9}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] heartbeatBody(long seq) {
        double load = (seq % 100) / 100.0;
        return ("{\"metrics\":{\"cpuLoad\":" + load + ",\"ownerLoad\":" + load / 2 + ",\"memoryUsedMb\":4096,\"memoryTotalMb\":16384,"
                + "\"diskFreeMb\":90000,\"uptimeSeconds\":" + (1000 + seq) + "},\"host\":null,\"policy\":null}").getBytes(StandardCharsets.UTF_8);
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
}
