package org.sharercloud.runtime.internal.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup parent this runtime starts its containers under, and the CPU time they used, read from one
 * file per sample: {@code cpu.stat} ({@code usage_usec}) on cgroup v2, {@code cpuacct.usage} (nanoseconds)
 * on cgroup v1. The parent stays when its containers are removed, so the counter covers finished runs too.
 * <p>
 * Docker's {@code --cgroup-parent}: with the {@code cgroupfs} driver a path ({@code /sharer} →
 * {@code /sys/fs/cgroup/[cpuacct/]sharer}); with the {@code systemd} driver a slice ({@code sharer.slice} →
 * {@code /sys/fs/cgroup/[cpuacct/]sharer.slice}, and {@code a-b.slice} nests as {@code a.slice/a-b.slice}).
 */
final class CgroupCpu {
    static final String DEFAULT_CGROUPFS = "/sharer";
    static final String DEFAULT_SYSTEMD = "sharer.slice";
    static final String NONE = "none";

    private final Path root;
    private final List<Path> v1;
    private final Path v2;

    /**
     * @param cgroupRoot usually {@code /sys/fs/cgroup}
     * @param relative   the parent relative to the root, e.g. {@code sharer} or {@code sharer.slice}
     */
    CgroupCpu(Path cgroupRoot, String relative) {
        this.root = cgroupRoot;
        String rel = relative.startsWith("/") ? relative.substring(1) : relative;
        this.v1 = List.of(cgroupRoot.resolve("cpuacct").resolve(rel).resolve("cpuacct.usage"),
                cgroupRoot.resolve("cpu,cpuacct").resolve(rel).resolve("cpuacct.usage"));
        this.v2 = cgroupRoot.resolve(rel).resolve("cpu.stat");
    }

    /**
     * The {@code --cgroup-parent} for the engine's cgroup driver: the configured one, {@code null} for
     * {@code none} (the engine's default, where our containers cannot be told apart), else {@code /sharer}
     * ({@code cgroupfs}) or {@code sharer.slice} ({@code systemd}).
     */
    static String parent(String configured, String driver) {
        String c = configured == null ? "" : configured.strip();
        if (NONE.equalsIgnoreCase(c)) {
            return null;
        }
        if (!c.isEmpty()) {
            return c;
        }
        return "systemd".equalsIgnoreCase(driver) ? DEFAULT_SYSTEMD : DEFAULT_CGROUPFS;
    }

    /** Where a {@code --cgroup-parent} lives under the cgroup root (a systemd slice name expands to its nesting). */
    static String relativePath(String parent) {
        if (!parent.endsWith(".slice") || parent.contains("/")) {
            return parent.startsWith("/") ? parent.substring(1) : parent;
        }
        String name = parent.substring(0, parent.length() - ".slice".length());
        StringBuilder path = new StringBuilder();
        int dash = -1;
        while ((dash = name.indexOf('-', dash + 1)) > 0) {
            path.append(name, 0, dash).append(".slice/");
        }
        return path.append(parent).toString();
    }

    /**
     * CPU nanoseconds used so far by the cgroup and its children; 0 while it does not exist yet (no container
     * ran), -1 when no cgroup hierarchy is visible here (not Linux, or the agent itself runs in a container).
     */
    long nanos() {
        try {
            if (Files.isRegularFile(v2)) {
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
            return -1;
        }
        return visible() ? 0 : -1;
    }

    private boolean visible() {
        return Files.isRegularFile(root.resolve("cgroup.controllers")) || Files.isDirectory(root.resolve("cpuacct"))
                || Files.isDirectory(root.resolve("cpu,cpuacct"));
    }
}
