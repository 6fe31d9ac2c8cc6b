package org.sharercloud.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Log followers against a running coordinator (real HTTP on 127.0.0.1): creates {@code ceil(F / 8)} requestor tokens
 * (8 is the per-caller cap), each submits workloads that stay PENDING (a constraint no member has), and F followers
 * ({@code GET /workloads/{id}/logs?follow=true}, one raw socket each) attach and hold for {@code --hold} seconds. Run
 * it beside {@link HeartbeatLoad} to measure heartbeats while the followers are attached. Prints, every 10 s and at the
 * end, how many followers were answered 200 and are still attached, how many were refused (by status) and how many
 * streams ended early.
 *
 * <pre>java -cp benchmarks/target/sharer-benchmarks.jar org.sharercloud.benchmarks.load.FollowLoad \
 *   --url http://127.0.0.1:8181 --token-file DIST/data/sharer/admin.token --followers 500 --hold 120</pre>
 */
public final class FollowLoad {
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8181";
        String tokenFile = null;
        int followers = 500;
        int hold = 120;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token-file" -> tokenFile = args[i + 1];
                case "--followers" -> followers = Integer.parseInt(args[i + 1]);
                case "--hold" -> hold = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tokenFile == null || !url.startsWith("http://127.0.0.1")) {
            throw new IllegalArgumentException("--token-file is required and the load goes to 127.0.0.1 only");
        }
        URI u = URI.create(url);
        String admin = "Bearer " + Files.readString(Path.of(tokenFile)).strip();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String[]> targets = new ArrayList<>(); // token, workload id
        try (RawHttp http = new RawHttp(u.getHost(), u.getPort())) {
            int tokens = (followers + 7) / 8;
            for (int t = 0; t < tokens; t++) {
                check(http.post("/api/v1/tokens", admin, ("{\"name\":\"follow-" + run + "-" + t + "\",\"role\":\"REQUESTOR\"}")
                        .getBytes(StandardCharsets.UTF_8)), 201, http);
                String token = HeartbeatLoad.field(http.lastBody(), "token");
                for (int i = 0; i < 8 && targets.size() < followers; i++) {
                    check(http.post("/api/v1/workloads", "Bearer " + token, ("{\"name\":\"followed-" + i + "\",\"image\":\"sharer/busybox:test\","
                            + "\"command\":[\"true\"],\"constraints\":{\"nowhere\":\"true\"}}").getBytes(StandardCharsets.UTF_8)), 201, http);
                    java.util.regex.Matcher id = ID.matcher(http.lastBody());
                    if (!id.find()) {
                        throw new IllegalStateException("no id in " + http.lastBody());
                    }
                    targets.add(new String[] {token, id.group(1)});
                }
            }
        }
        System.out.printf("%d workloads PENDING under %d tokens%n", targets.size(), (followers + 7) / 8);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger attached = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        List<Socket> sockets = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String[] t : targets) {
            Socket s = new Socket(u.getHost(), u.getPort());
            sockets.add(s);
            Thread reader = new Thread(() -> follow(s, t[0], t[1], statuses, attached, ended), "follower");
            reader.setDaemon(true);
            reader.start();
        }
        long deadline = System.nanoTime() + hold * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(Math.min(10_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            System.out.printf("t=%.0fs attached=%d statuses=%s ended-early=%d%n", (System.nanoTime() - t0) / 1e9, attached.get(),
                    new TreeMap<>(statuses), ended.get());
        }
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void follow(Socket s, String token, String id, Map<Integer, AtomicInteger> statuses, AtomicInteger attached,
            AtomicInteger ended) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/workloads/" + id + "/logs?follow=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && head.length() < 12) {
                head.append((char) c);
            }
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            if (status != 200) {
                return;
            }
            attached.incrementAndGet();
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // lines, if any
            }
            attached.decrementAndGet();
            ended.incrementAndGet();
        } catch (IOException e) {
            // closed at the end of the hold
        }
    }

    private static void check(int status, int want, RawHttp http) {
        if (status != want) {
            throw new IllegalStateException("answered " + status + ": " + http.lastBody());
        }
    }
}
