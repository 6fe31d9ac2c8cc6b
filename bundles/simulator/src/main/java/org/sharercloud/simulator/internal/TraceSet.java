package org.sharercloud.simulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.sharercloud.api.ApiException;

/**
 * The three traces of one simulation, read from files. Relative paths resolve against a trace
 * directory laid out like the repository's {@code data/traces}, which also provides the defaults.
 */
public record TraceSet(List<HostTimeline> hosts, List<LoadTrace> loads, List<TaskArrival> tasks) {
    public static final String DEFAULT_AVAILABILITY = "availability/smartphone_sessions_80_first7day_per_user.txt.gz";
    public static final String DEFAULT_LOAD = "bitbrains-rnd-2013-7";
    public static final String DEFAULT_TASKS = "alibaba-v2017/batch_task.csv.gz";

    /**
     * Reads the traces; empty lists / null take the defaults.
     *
     * @throws ApiException 400 naming the field ({@code availability}, {@code load}, {@code tasks}) when a
     *                      file is missing, unreadable, in no known format or holds nothing
     */
    public static TraceSet read(Path dir, List<String> availability, List<String> load, String tasks) {
        List<HostTimeline> hosts = new ArrayList<>();
        for (String a : availability.isEmpty() ? List.of(DEFAULT_AVAILABILITY) : availability) {
            Path p = existing(dir, a, "availability");
            hosts.addAll(io("availability", p, () -> AvailabilityTraceReader.read(p)));
        }
        List<LoadTrace> loads = new ArrayList<>();
        for (String l : load.isEmpty() ? List.of(DEFAULT_LOAD) : load) {
            for (Path p : expand(existing(dir, l, "load"))) {
                loads.addAll(io("load", p, () -> LoadTraceReader.read(p)));
            }
        }
        Path t = existing(dir, tasks == null ? DEFAULT_TASKS : tasks, "tasks");
        List<TaskArrival> arrivals = io("tasks", t, () -> TaskTraceReader.read(t));
        nonEmpty(hosts, "availability");
        nonEmpty(loads, "load");
        nonEmpty(arrivals, "tasks");
        return new TraceSet(hosts, loads, arrivals);
    }

    private static Path existing(Path dir, String name, String field) {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            throw ApiException.badRequest(field, p + " does not exist");
        }
        return p;
    }

    /** A directory stands for its per-VM files ({@code <n>.csv} or {@code <n>.csv.gz}), in name order. */
    static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(x -> x.getFileName().toString().matches("\\d+\\.csv(\\.gz)?")).sorted().toList();
        } catch (IOException e) {
            throw ApiException.badRequest("load", "cannot list " + p + ": " + e.getMessage());
        }
    }

    private interface Reader<T> {
        List<T> read() throws IOException;
    }

    private static <T> List<T> io(String field, Path p, Reader<T> r) {
        try {
            return r.read();
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest(field, "cannot read " + p + ": " + e.getMessage());
        }
    }

    private static void nonEmpty(List<?> l, String field) {
        if (l.isEmpty()) {
            throw ApiException.badRequest(field, "the " + field + " trace holds no records");
        }
    }
}
