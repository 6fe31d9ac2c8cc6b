package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;

/**
 * Host description and metrics from OSHI, kept cheap for a process that samples every few seconds: the
 * static facts are read once, CPU load comes from tick counters between samples ({@link CpuSampler}), disk
 * space from the data directory's file store, and Docker is pinged at most every {@link #DOCKER_RECHECK} (so
 * every heartbeat sees a fresh answer: an engine that goes away is reported within one heartbeat).
 */
public final class OshiHostProbe implements HostProbe {
    static final Duration DOCKER_RECHECK = Duration.ofSeconds(3);
    private static final long MB = 1024 * 1024;

    private final OperatingSystem os;
    private final GlobalMemory memory;
    private final CpuSampler sampler;
    private final Path dataDir;
    private final String dockerHost;
    private final String machineId;
    private final String hostname;
    private final String osName;
    private final String arch;
    private final int cores;
    private final Map<String, String> customLabels;
    private boolean docker;
    private long dockerCheckedAt;
    private boolean dockerChecked;

    /**
     * @param dockerHost the engine's address, {@code unix:///path} or {@code tcp://host:port}
     * @param ours       cumulative CPU nanoseconds that are not the owner's (see {@link OwnCpu})
     */
    public OshiHostProbe(String machineId, Path dataDir, String dockerHost, LongSupplier ours,
            Map<String, String> customLabels) {
        SystemInfo si = new SystemInfo();
        this.os = si.getOperatingSystem();
        this.memory = si.getHardware().getMemory();
        CentralProcessor cpu = si.getHardware().getProcessor();
        this.cores = cpu.getLogicalProcessorCount();
        this.sampler = new CpuSampler(cpu, ours, System::nanoTime);
        this.machineId = machineId;
        this.dataDir = dataDir;
        this.dockerHost = dockerHost;
        this.customLabels = customLabels;
        this.hostname = hostname();
        this.osName = (os.getFamily() + " " + os.getVersionInfo().getVersion()).strip();
        this.arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized HostInfo host() {
        long now = System.nanoTime();
        if (!dockerChecked || now - dockerCheckedAt >= DOCKER_RECHECK.toNanos()) {
            docker = DockerPing.ping(dockerHost, Duration.ofSeconds(1));
            dockerChecked = true;
            dockerCheckedAt = now;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("os", osLabel(System.getProperty("os.name", "unknown")));
        labels.put("arch", arch);
        labels.put("docker", Boolean.toString(docker));
        labels.put("gpu", gpu());
        labels.putAll(customLabels);
        return new HostInfo(machineId, hostname, osName, arch, cores, memory.getTotal() / MB, diskFreeMb(), docker,
                Map.copyOf(labels));
    }

    @Override
    public HostMetrics sample() {
        double[] loads = sampler.sample();
        long total = memory.getTotal();
        long used = Math.max(0, total - memory.getAvailable());
        return new HostMetrics(loads[0], loads[1], used / MB, total / MB, diskFreeMb(), os.getSystemUptime());
    }

    private long diskFreeMb() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace() / MB;
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU time of this agent's JVM, in nanoseconds. */
    public static long jvmCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The operating system as a placement label: linux, windows, mac, freebsd … */
    static String osLabel(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "mac";
        }
        return name.replaceAll("[^a-z0-9]+", "-");
    }

    /** A cheap guess from device files; a "gpu" label in the configuration wins. */
    private static String gpu() {
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            return "nvidia";
        }
        return Files.exists(Path.of("/dev/dri/renderD128")) ? "dri" : "none";
    }

    private static String hostname() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }
}
