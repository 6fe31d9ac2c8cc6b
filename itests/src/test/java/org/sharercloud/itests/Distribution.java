package org.sharercloud.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of our distributions unpacked into its own folder and run as a real process with
 * {@code bin/start} / {@code bin/stop}, the way an operator or a volunteer runs it.
 */
public final class Distribution implements AutoCloseable {
    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();

    private Distribution(Path home) {
        this.home = home;
    }

    /** Unpacks {@code tarGz} under {@code parent/name} (replacing an older copy). */
    public static Distribution unpack(Path tarGz, Path parent, String name) throws IOException, InterruptedException {
        if (!Files.exists(tarGz)) {
            throw new AssertionError("missing " + tarGz + ": build the distributions first (mvn install)");
        }
        Path dir = parent.resolve(name);
        run(List.of("rm", "-rf", dir.toString()), 60);
        Files.createDirectories(dir);
        run(List.of("tar", "-xzf", tarGz.toString(), "-C", dir.toString(), "--strip-components=1"), 120);
        return new Distribution(dir);
    }

    /**
     * The {@code exclude.processes} value for a test contributor: the CPU of the given distributions (pid files), of
     * this test's JVM and of the browser a test drives is ours, not the owner's, so a busy test machine does not
     * look like a busy owner and starve placement. Outside CI (a developer's machine shared with builds, other test
     * runs and editors) everything is ours ({@code cgroup:/}); in CI the test machine runs nothing else.
     */
    public static String ourProcesses(Path... pidFiles) {
        List<String> ours = new ArrayList<>();
        for (Path f : pidFiles) {
            ours.add(f.toString());
        }
        ours.add(Long.toString(ProcessHandle.current().pid()));
        ours.add("chromium");
        ours.add("chromedriver");
        if (!"true".equals(System.getenv("CI"))) {
            ours.add("cgroup:/");
        }
        return String.join(",", ours);
    }

    /** A fresh coordinator distribution in {@code work/coordinator}: offline, HTTP and console SSH on these ports. */
    public static Distribution coordinator(Path work, int httpPort, int sshPort) throws IOException, InterruptedException {
        return unpack(coordinatorTarGz(), work, "coordinator").offline()
                .config("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort))
                .config("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
    }

    /** Starts this coordinator, waits at most 120 s for health 200 through {@code api}, and returns the admin token it wrote. */
    public String startCoordinator(Http api) throws IOException, InterruptedException {
        start();
        Wait.until(120_000, "coordinator health 200", () -> api.get("/api/v1/health", null).status() == 200,
                () -> api.get("/api/v1/health", null).body());
        return Files.readString(home.resolve("data/sharer/admin.token")).strip();
    }

    public static Path coordinatorTarGz() {
        return Path.of(System.getProperty("sharer.coordinator.dist"));
    }

    public static Path contributorTarGz() {
        return Path.of(System.getProperty("sharer.contributor.dist"));
    }

    public Path home() {
        return home;
    }

    public Distribution env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Sets {@code key = value} in {@code etc/<file>}, replacing an existing line for the key. */
    public Distribution config(String file, String key, String value) throws IOException {
        Path f = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(f) ? new ArrayList<>(Files.readAllLines(f)) : new ArrayList<>();
        lines.removeIf(l -> l.matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[=:].*"));
        lines.add(key + " = " + value);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return this;
    }

    /** No network for Maven URLs: only the distribution's own system/ folder may be used. */
    public Distribution offline() throws IOException {
        Path empty = Files.createDirectories(home.resolve("empty-m2"));
        config("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", "");
        config("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", empty.toString());
        return config("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.offline", "true");
    }

    public void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/start").toString()).directory(home.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("start.out").toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("bin/start failed: " + Files.readString(home.resolve("start.out")));
        }
    }

    /** The Karaf JVM's pid, or -1 when it is not running. */
    public long pid() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            String marker = "-Dkaraf.base=" + home;
            return all.filter(ph -> ph.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)
                    || ph.info().commandLine().map(c -> c.contains(marker + " ")).orElse(false))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        }
    }

    /** Resident memory of the JVM in kB, from /proc. */
    public long rssKb() throws IOException {
        long pid = pid();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** TCP sockets the JVM listens on, as "address:port" strings (from ss). */
    public List<String> listening() throws IOException, InterruptedException {
        String out = run(List.of("ss", "-Hltnp"), 20);
        List<String> mine = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains("pid=" + pid() + ",")) {
                String[] cols = line.trim().split("\\s+");
                mine.add(cols[3]);
            }
        }
        return mine;
    }

    public String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Kills the JVM hard (a volunteer pulling the plug). */
    public void kill() throws IOException, InterruptedException {
        long pid = pid();
        if (pid > 0) {
            run(List.of("kill", "-9", Long.toString(pid)), 10);
            Wait.until(20_000, "JVM " + pid + " gone", () -> ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true));
        }
    }

    public void stop() throws IOException, InterruptedException {
        long pid = pid();
        if (pid < 0) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile());
        pb.start().waitFor(60, TimeUnit.SECONDS);
        try {
            Wait.until(45_000, "JVM " + pid + " to stop", () -> ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true));
        } catch (AssertionError e) {
            kill();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    static String run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " timed out");
        }
        return out;
    }
}
