package org.sharercloud.benchmarks.load;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Polls {@code GET /api/v1/members} every 250 ms while a load runs: the state changes it sees (with the
 * member's machine and owner load at that moment), the highest machine and owner loads, and how many
 * polls found a member not ONLINE. Works against any coordinator (needs only the members list).
 */
final class MemberWatch {
    private final HttpClient http;
    private final String url;
    private final String admin;
    private final Map<String, String> states = new LinkedHashMap<>();
    private final List<String> changes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long polls;
    private long notOnline;
    private double maxCpu;
    private double maxOwner;
    private final long t0 = System.nanoTime();

    private MemberWatch(HttpClient http, String url, String admin) {
        this.http = http;
        this.url = url;
        this.admin = admin;
        this.thread = new Thread(this::loop, "member-watch");
        thread.setDaemon(true);
    }

    static MemberWatch start(HttpClient http, String url, String admin) {
        MemberWatch w = new MemberWatch(http, url, admin);
        w.thread.start();
        return w;
    }

    private void loop() {
        while (running) {
            try {
                JsonNode members = JobLatency.call(http, "GET", url + "/api/v1/members", admin, null);
                synchronized (this) {
                    polls++;
                    for (JsonNode m : members) {
                        observe(m);
                    }
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                synchronized (this) {
                    changes.add(String.format(Locale.ROOT, "%7.1f s  members list failed: %s", seconds(), e.getMessage()));
                }
            }
        }
    }

    private void observe(JsonNode m) {
        String name = m.path("name").asText();
        String state = m.path("state").asText();
        double cpu = m.path("metrics").path("cpuLoad").asDouble();
        double owner = m.path("metrics").path("ownerLoad").asDouble();
        maxCpu = Math.max(maxCpu, cpu);
        maxOwner = Math.max(maxOwner, owner);
        if (!"ONLINE".equals(state)) {
            notOnline++;
        }
        String was = states.put(name, state);
        if (was != null && !was.equals(state)) {
            changes.add(String.format(Locale.ROOT, "%7.1f s  %s %s -> %s (cpu %.2f, owner %.2f)", seconds(), name, was, state, cpu, owner));
        }
    }

    private double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }

    synchronized void report(PrintStream out) {
        out.printf(Locale.ROOT, "member watch: %d polls, %d member-polls not ONLINE, %d state changes, max cpuLoad %.2f, max ownerLoad %.2f%n",
                polls, notOnline, changes.size(), maxCpu, maxOwner);
        changes.forEach(c -> out.println("  " + c));
    }
}
