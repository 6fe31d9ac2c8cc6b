package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Processes on this machine whose CPU is ours, not the owner's (setting {@code exclude.processes}), e.g. a
 * coordinator running next door: each entry is a pid, a pid file (an absolute path, read at every sample, such
 * as a Karaf distribution's {@code karaf.pid}), {@code cgroup:PATH} (every process of that cgroup, e.g. a
 * coordinator run as a systemd service, {@code cgroup:system.slice/sharer-coordinator.service}) or a text that
 * a process's command line contains (matched against the process table at most every {@link #RESCAN}). This
 * agent's own JVM is counted apart and never here. As an {@link OwnCpu.Source} each process is a counter keyed
 * by its pid and start time, each cgroup one keyed by its path.
 */
public final class ExcludedProcesses implements OwnCpu.Source {
    static final Duration RESCAN = Duration.ofSeconds(30);
    /** Prefix of an entry naming a cgroup (relative to the cgroup root; {@code cgroup:/} is the whole machine). */
    public static final String CGROUP = "cgroup:";

    /** A process, told apart from a later one with the same pid by its start time. */
    record Key(long pid, Instant start) {
    }

    private final List<Long> pids = new ArrayList<>();
    private final List<Path> pidFiles = new ArrayList<>();
    private final List<String> patterns = new ArrayList<>();
    private final List<CgroupUsage> cgroups = new ArrayList<>();
    private final LongSupplier clock;
    private final long self = ProcessHandle.current().pid();
    private Set<Long> matched = Set.of();
    private long scannedAt;
    private boolean scanned;

    /** @param entries validated entries (see {@code AgentSettings}) */
    public ExcludedProcesses(List<String> entries, LongSupplier clock) {
        this(entries, clock, Path.of("/sys/fs/cgroup"));
    }

    ExcludedProcesses(List<String> entries, LongSupplier clock, Path cgroupRoot) {
        this.clock = clock;
        for (String e : entries) {
            if (e.startsWith(CGROUP)) {
                cgroups.add(new CgroupUsage(cgroupRoot, e.substring(CGROUP.length())));
            } else if (e.startsWith("/")) {
                pidFiles.add(Path.of(e));
            } else if (e.chars().allMatch(Character::isDigit)) {
                pids.add(Long.parseLong(e));
            } else {
                patterns.add(e);
            }
        }
    }

    public boolean isEmpty() {
        return pids.isEmpty() && pidFiles.isEmpty() && patterns.isEmpty() && cgroups.isEmpty();
    }

    @Override
    public synchronized void read(BiConsumer<Object, Long> out) {
        for (CgroupUsage c : cgroups) {
            out.accept(c, c.nanos());
        }
        for (long pid : current()) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty()) {
                continue;
            }
            ProcessHandle.Info info = h.get().info();
            Optional<Duration> cpu = info.totalCpuDuration();
            if (cpu.isPresent()) {
                out.accept(new Key(pid, info.startInstant().orElse(Instant.EPOCH)), cpu.get().toNanos());
            }
        }
    }

    /** The pids that are ours right now. */
    Set<Long> current() {
        Set<Long> out = new LinkedHashSet<>(pids);
        for (Path f : pidFiles) {
            pidIn(f).ifPresent(out::add);
        }
        if (!patterns.isEmpty()) {
            long now = clock.getAsLong();
            if (!scanned || now - scannedAt >= RESCAN.toNanos()) {
                matched = scan();
                scanned = true;
                scannedAt = now;
            }
            out.addAll(matched);
        }
        out.remove(self);
        return out;
    }

    private Set<Long> scan() {
        Set<Long> found = new LinkedHashSet<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.forEach(p -> {
                String line = p.info().commandLine().or(() -> p.info().command()).orElse("");
                for (String pattern : patterns) {
                    if (line.contains(pattern)) {
                        found.add(p.pid());
                        return;
                    }
                }
            });
        }
        return found;
    }

    static Optional<Long> pidIn(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 18 ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
