package org.sharercloud.runtime.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processes an earlier agent left running (it was killed with {@code kill -9}, so nobody killed its runs' process
 * groups): every process whose working folder is inside the runtime's work base, found through {@code /proc/PID/cwd}.
 * They are killed with their descendants before their folders are deleted.
 */
final class Orphans {
    private Orphans() {
    }

    /** Kills the processes working under {@code base} (never this JVM); returns how many were found. */
    static int kill(Path base) {
        Path root;
        try {
            root = base.toRealPath();
        } catch (IOException e) {
            return 0;
        }
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                try {
                    Path cwd = Files.readSymbolicLink(p.resolve("cwd"));
                    if (cwd.startsWith(root) && !cwd.equals(root) || namesARunFolder(p, base, root)) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        for (ProcessHandle h : found) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        return found.size();
    }

    /**
     * Whether the process's command line names a run folder under the base: the sandbox's own processes (setsid,
     * setpriv, bubblewrap) bind the run folder by its host path, while everything inside the sandbox sees its
     * working folder by the sandbox's path ({@code /proc/PID/cwd} then does not lead under the base).
     */
    private static boolean namesARunFolder(Path proc, Path base, Path root) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
            String prefixA = base.toAbsolutePath().normalize() + "/";
            String prefixB = root + "/";
            for (String arg : new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\u0000")) {
                if (arg.startsWith(prefixA) || arg.startsWith(prefixB)) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            // gone meanwhile, or not ours to read
        }
        return false;
    }
}
