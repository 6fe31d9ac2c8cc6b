package org.sharercloud.simulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads host up/down histories: the Failure Trace Archive {@code event_trace} table (LANL: one row
 * per interval, {@code node_id} column 3, {@code event_type} 1 = up, start/stop in epoch seconds) and
 * the smartphone session format (one line per user segment: id, state at start, start in epoch ms,
 * time-zone, then alternating session lengths in ms). Each host's time starts at 0 at its first record;
 * a smartphone segment is one host.
 */
public final class AvailabilityTraceReader {
    private AvailabilityTraceReader() {
    }

    /** Reads either format, told apart by the first line. */
    public static List<HostTimeline> read(Path file) throws IOException {
        String first = TraceIo.firstLine(file);
        if (first == null) {
            return List.of();
        }
        String[] f = first.trim().split("\\s+");
        if (first.startsWith("#") || f.length == 9) {
            return readFta(file);
        }
        if (f.length >= 5 && (f[1].equals("0") || f[1].equals("1"))) {
            return readSessions(file);
        }
        throw new IOException(file + ": neither an FTA event_trace nor a smartphone session file: " + first);
    }

    static List<HostTimeline> readFta(Path file) throws IOException {
        Map<String, List<long[]>> byNode = new LinkedHashMap<>();
        try (BufferedReader r = TraceIo.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (line.startsWith("#") || f.length < 8) {
                    continue;
                }
                long start = Long.parseLong(f[6]);
                long stop = Long.parseLong(f[7]);
                byNode.computeIfAbsent(f[2], k -> new ArrayList<>())
                        .add(new long[] {start, stop, Integer.parseInt(f[5])});
            }
        }
        List<HostTimeline> out = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : byNode.entrySet()) {
            List<long[]> rows = e.getValue();
            rows.sort((a, b) -> Long.compare(a[0], b[0]));
            long origin = rows.get(0)[0];
            long end = rows.get(rows.size() - 1)[1];
            List<long[]> up = rows.stream().filter(x -> x[2] == 1).toList();
            out.add(new HostTimeline("lanl-" + e.getKey(), up.stream().mapToLong(x -> x[0] - origin).toArray(),
                    up.stream().mapToLong(x -> x[1] - origin).toArray(), end - origin));
        }
        return out;
    }

    static List<HostTimeline> readSessions(Path file) throws IOException {
        List<HostTimeline> out = new ArrayList<>();
        try (BufferedReader r = TraceIo.open(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                boolean on = f[1].equals("1");
                List<long[]> up = new ArrayList<>();
                long ms = 0;
                for (int i = 4; i < f.length; i++) {
                    long next = ms + Long.parseLong(f[i]);
                    if (on) {
                        up.add(new long[] {ms / 1000, next / 1000});
                    }
                    ms = next;
                    on = !on;
                }
                long t = ms / 1000;
                String id = "phone-" + (n++) + "-" + f[0].substring(f[0].lastIndexOf('/') + 1, Math.min(f[0].length(),
                        f[0].lastIndexOf('/') + 9));
                out.add(new HostTimeline(id, up.stream().mapToLong(x -> x[0]).toArray(),
                        up.stream().mapToLong(x -> x[1]).toArray(), t));
            }
        }
        return out;
    }
}
