package org.sharercloud.contributor.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.contributor.internal.exec.Budget;
import org.sharercloud.contributor.internal.host.HostProbe;
import org.sharercloud.contributor.internal.link.CoordinatorTrust;

/**
 * The agent's validated settings: the configuration with the environment's overrides applied.
 * {@link #from} refuses bad values with an {@link IllegalArgumentException} naming the property.
 */
public record AgentSettings(URI coordinator, String joinToken, String name, double maxCpuShare, long maxMemoryMb,
        String sharingHours, boolean pauseWhenOwnerActive, double ownerActiveThreshold, int ownerActiveSeconds, int ownerIdleSeconds,
        double ownerIdleMargin, Map<String, String> labels, String dockerHost, List<String> excludeProcesses, Duration retryMax,
        List<String> runtimes, CoordinatorTrust trust) {

    static final String ENV_URL = "SHARER_COORDINATOR_URL";
    static final String ENV_TOKEN = "SHARER_JOIN_TOKEN";
    static final String ENV_PIN = "SHARER_COORDINATOR_PIN";
    /** Docker's own variable: where the engine listens ({@code unix:///path} or {@code tcp://host:port}); wins over docker.socket. */
    static final String ENV_DOCKER_HOST = "DOCKER_HOST";
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2})-(\\d{1,2})");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
    private static final Pattern RUNTIME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,512}");
    private static final int MAX_LABELS = 32;
    private static final int MAX_EXCLUDED = 32;
    private static final Pattern PROCESS_TEXT = Pattern.compile("[\\x21-\\x7e][\\x20-\\x7e]{2,199}");

    /** What the sharing policy lets runs use at once on the machine the probe describes (read at every check). */
    public Budget budget(HostProbe probe) {
        return new Budget(() -> cpuMillis(probe.host().cores()), () -> policy(probe.host().memoryMb()).maxMemoryMb());
    }

    /** Settings from the configuration, with non-blank environment variables taking precedence. */
    public static AgentSettings from(ContributorConfig c, Map<String, String> env) {
        String url = override(env.get(ENV_URL), c.coordinator_url());
        String token = override(env.get(ENV_TOKEN), c.join_token());
        if (!token.isEmpty() && !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("join.token: must be printable characters without spaces");
        }
        String name = c.name() == null ? "" : c.name().strip();
        if (name.length() > 63) {
            throw new IllegalArgumentException("name: at most 63 characters");
        }
        if (!(c.max_cpu_share() > 0 && c.max_cpu_share() <= 1)) {
            throw new IllegalArgumentException("max.cpu.share: must be above 0 and at most 1");
        }
        if (c.max_memory_mb() < 0) {
            throw new IllegalArgumentException("max.memory.mb: must be 0 (half the memory) or more");
        }
        if (!(c.owner_active_threshold() > 0 && c.owner_active_threshold() <= 1)) {
            throw new IllegalArgumentException("owner.active.threshold: must be above 0 and at most 1");
        }
        if (c.retry_max_seconds() < 1 || c.retry_max_seconds() > 3600) {
            throw new IllegalArgumentException("retry.max.seconds: must be between 1 and 3600");
        }
        seconds("owner.active.seconds", c.owner_active_seconds());
        seconds("owner.idle.seconds", c.owner_idle_seconds());
        if (!(c.owner_idle_margin() >= 0 && c.owner_idle_margin() < c.owner_active_threshold())) {
            throw new IllegalArgumentException("owner.idle.margin: must be at least 0 and below owner.active.threshold ("
                    + c.owner_active_threshold() + ")");
        }
        URI coordinator = coordinator(url);
        CoordinatorTrust trust = trust(coordinator, override(env.get(ENV_PIN), c.coordinator_pin()), c.coordinator_truststore(),
                c.coordinator_truststore_password());
        return new AgentSettings(coordinator, token, name, c.max_cpu_share(), c.max_memory_mb(),
                hours(c.sharing_hours()), c.pause_when_owner_active(), c.owner_active_threshold(), c.owner_active_seconds(),
                c.owner_idle_seconds(), c.owner_idle_margin(), labels(c.labels()), dockerHost(env.get(ENV_DOCKER_HOST), c.docker_socket()),
                excluded(c.exclude_processes()), Duration.ofSeconds(c.retry_max_seconds()), runtimes(c.runtime()), trust);
    }

    /**
     * How the coordinator's certificate is checked: {@code coordinator.pin} (SHA-256 fingerprints), {@code
     * coordinator.truststore} (PKCS12 or PEM; a relative path is under {@code ${karaf.base}}), else the JDK's trust
     * store. Either setting with a plain http URL is refused: whoever set it expects TLS, and the credential would
     * cross in clear text.
     */
    static CoordinatorTrust trust(URI coordinator, String pin, String trustStore, String password) {
        List<String> pins = CoordinatorTrust.pins(pin);
        String store = trustStore == null ? "" : trustStore.strip();
        boolean https = "https".equalsIgnoreCase(coordinator.getScheme());
        if (!https && !pins.isEmpty()) {
            throw new IllegalArgumentException("coordinator.pin: set, but coordinator.url " + coordinator + " is plain http; use https://");
        }
        if (!https && !store.isEmpty()) {
            throw new IllegalArgumentException("coordinator.truststore: set, but coordinator.url " + coordinator + " is plain http; use https://");
        }
        Path file = store.isEmpty() ? null : Path.of(System.getProperty("karaf.base", ".")).resolve(store).normalize();
        return CoordinatorTrust.of(pins, file, password == null ? "" : password);
    }

    /** The runtimes offered, in order, from {@code docker,process}; empty means both. */
    static List<String> runtimes(String text) {
        if (text == null || text.isBlank()) {
            return List.of("docker", "process");
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String r = part.strip();
            if (r.isEmpty()) {
                continue;
            }
            if (!RUNTIME.matcher(r).matches()) {
                throw new IllegalArgumentException("runtime: must be runtime names such as docker,process, got '" + r + "'");
            }
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("runtime: name at least one runtime, e.g. docker,process");
        }
        return List.copyOf(out);
    }

    /**
     * The Docker engine's address: {@code DOCKER_HOST} when set (unix:// or tcp://), else the configured socket
     * path (or a unix:// or tcp:// address written there).
     */
    static String dockerHost(String env, String socket) {
        String v = env != null && !env.isBlank() ? env.strip()
                : socket == null || socket.isBlank() ? "/var/run/docker.sock" : socket.strip();
        if (v.startsWith("/")) {
            return "unix://" + v;
        }
        if (!v.startsWith("unix:///") && !v.startsWith("tcp://")) {
            throw new IllegalArgumentException((env != null && !env.isBlank() ? "DOCKER_HOST" : "docker.socket")
                    + ": must be a socket path, unix:///path or tcp://host:port, got '" + v + "'");
        }
        return v;
    }

    /** CPU millicores the policy lets workloads use on a machine with {@code cores} (as the coordinator counts it). */
    public long cpuMillis(int cores) {
        long hardware = cores * 1000L;
        return Math.min(hardware, Math.round(maxCpuShare * hardware));
    }

    /** The sharing policy to announce, given the machine's physical memory. */
    public SharingPolicy policy(long machineMemoryMb) {
        long memory = maxMemoryMb == 0 ? machineMemoryMb / 2 : Math.min(maxMemoryMb, machineMemoryMb);
        return new SharingPolicy(maxCpuShare, memory, sharingHours, pauseWhenOwnerActive, ownerActiveThreshold, ownerActiveSeconds,
                ownerIdleSeconds, ownerIdleMargin);
    }

    private static String override(String env, String configured) {
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        return configured == null ? "" : configured.strip();
    }

    /**
     * Why talking to this coordinator is unsafe, or null: plain http to a host that is not this machine sends the
     * join token and the member credential in clear text to anyone on the path.
     */
    public static String plainTextWarning(URI coordinator) {
        if (!"http".equalsIgnoreCase(coordinator.getScheme())) {
            return null;
        }
        String host = coordinator.getHost() == null ? "" : coordinator.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            return null;
        }
        return "coordinator.url " + coordinator + " is plain http to another machine: the join token and this member's "
                + "credential cross the network in clear text, readable and replayable by anyone on the path. Use https "
                + "(or a tunnel) unless this network is wholly yours";
    }

    static URI coordinator(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coordinator.url: not a URL: " + url);
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("coordinator.url: must be http(s)://host[:port][/path], got '" + url + "'");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    static String hours(String hours) {
        String h = hours == null ? "" : hours.strip();
        var m = HOURS.matcher(h);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 24 || Integer.parseInt(m.group(2)) > 24) {
            throw new IllegalArgumentException("sharing.hours: must be FROM-TO with hours 0..24, e.g. 0-24 or 22-7");
        }
        return h;
    }

    private static void seconds(String property, int v) {
        if (v < 0 || v > 3600) {
            throw new IllegalArgumentException(property + ": must be between 0 and 3600 seconds");
        }
    }

    /** {@code exclude.processes}: pids, absolute pid-file paths, {@code cgroup:PATH}, or command-line texts (3+ characters). */
    static List<String> excluded(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String e = part.strip();
            if (e.isEmpty()) {
                continue;
            }
            boolean pid = e.chars().allMatch(Character::isDigit) && e.length() <= 18 && Long.parseLong(e) > 0;
            if (e.startsWith("cgroup:") && (e.contains("..") || e.length() > 200 || !PROCESS_TEXT.matcher(e).matches())) {
                throw new IllegalArgumentException("exclude.processes: '" + e + "' must be cgroup:PATH, a path under the cgroup root without ..");
            }
            if (!pid && !PROCESS_TEXT.matcher(e).matches()) {
                throw new IllegalArgumentException("exclude.processes: '" + (e.length() > 40 ? e.substring(0, 40) + "..." : e)
                        + "' must be a pid, an absolute pid-file path, or 3 to 200 printable characters of a command line");
            }
            out.add(e);
        }
        if (out.size() > MAX_EXCLUDED) {
            throw new IllegalArgumentException("exclude.processes: at most " + MAX_EXCLUDED + " entries");
        }
        return List.copyOf(out);
    }

    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            String value = eq < 0 ? "true" : pair.substring(eq + 1).strip();
            if (!LABEL_KEY.matcher(key).matches() || value.length() > 63) {
                throw new IllegalArgumentException("labels: '" + pair.strip()
                        + "' must be key=value, key of letters, digits, . _ / - (at most 63), value at most 63 characters");
            }
            labels.put(key, value);
        }
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("labels: at most " + MAX_LABELS + " labels");
        }
        return Collections.unmodifiableMap(labels);
    }
}
