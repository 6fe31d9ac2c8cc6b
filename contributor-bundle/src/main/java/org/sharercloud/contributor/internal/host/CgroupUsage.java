package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cumulative CPU time of one cgroup named in {@code exclude.processes} ({@code cgroup:PATH}): {@code cpu.stat}
 * {@code usage_usec} on cgroup v2, {@code cpuacct.usage} (nanoseconds) on v1; -1 when it cannot be read. (The
 * docker runtime reads its own cgroup parent the same way; the two bundles share no implementation code.)
 */
final class CgroupUsage {
    private final String path;
    private final Path v2;
    private final Path v1;
    private final Path v1Combined;

    CgroupUsage(Path root, String path) {
        this.path = path;
        String rel = path.replaceFirst("^/+", "");
        this.v2 = (rel.isEmpty() ? root : root.resolve(rel)).resolve("cpu.stat");
        this.v1 = (rel.isEmpty() ? root.resolve("cpuacct") : root.resolve("cpuacct").resolve(rel)).resolve("cpuacct.usage");
        this.v1Combined = (rel.isEmpty() ? root.resolve("cpu,cpuacct") : root.resolve("cpu,cpuacct").resolve(rel)).resolve("cpuacct.usage");
    }

    long nanos() {
        try {
            if (Files.isRegularFile(v2)) {
                for (String line : Files.readAllLines(v2)) {
                    if (line.startsWith("usage_usec ")) {
                        return Long.parseLong(line.substring(11).strip()) * 1000;
                    }
                }
            }
            for (Path p : new Path[] {v1, v1Combined}) {
                if (Files.isRegularFile(p)) {
                    return Long.parseLong(Files.readString(p).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CgroupUsage c && c.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return ExcludedProcesses.CGROUP + path;
    }
}
