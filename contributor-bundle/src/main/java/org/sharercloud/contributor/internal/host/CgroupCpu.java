package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Cumulative CPU time used by one cgroup (the one the runtime starts our containers under), read from a
 * single file per sample: {@code cpu.stat} ({@code usage_usec}) on cgroup v2, {@code cpuacct.usage}
 * (nanoseconds) on cgroup v1. Zero when the cgroup does not exist (no containers yet, or not Linux).
 */
public final class CgroupCpu {
    private final List<Path> v1;
    private final Path v2;

    /**
     * @param cgroupRoot usually {@code /sys/fs/cgroup}
     * @param cgroup     the workload cgroup relative to the root, e.g. {@code sharer}; empty disables it
     */
    public CgroupCpu(Path cgroupRoot, String cgroup) {
        if (cgroup.isBlank()) {
            this.v1 = List.of();
            this.v2 = null;
        } else {
            String rel = cgroup.startsWith("/") ? cgroup.substring(1) : cgroup;
            this.v1 = List.of(cgroupRoot.resolve("cpuacct").resolve(rel).resolve("cpuacct.usage"),
                    cgroupRoot.resolve("cpu,cpuacct").resolve(rel).resolve("cpuacct.usage"));
            this.v2 = cgroupRoot.resolve(rel).resolve("cpu.stat");
        }
    }

    /** CPU nanoseconds used so far by the cgroup and its children. */
    public long nanos() {
        try {
            if (v2 != null && Files.isRegularFile(v2)) {
                for (String line : Files.readAllLines(v2)) {
                    if (line.startsWith("usage_usec ")) {
                        return Long.parseLong(line.substring(11).strip()) * 1000;
                    }
                }
            }
            for (Path p : v1) {
                if (Files.isRegularFile(p)) {
                    return Long.parseLong(Files.readString(p).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
