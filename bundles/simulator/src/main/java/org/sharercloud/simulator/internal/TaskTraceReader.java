package org.sharercloud.simulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads Alibaba cluster-trace-v2017 {@code batch_task} rows (create, modify, job, task, instances,
 * status, plan_cpu, plan_mem; with or without a header, LF or CRLF). Each {@code Terminated} task with a
 * CPU request becomes one arrival: at its create time, {@code plan_cpu x 10} millicores (100 = one core),
 * {@code plan_mem x} {@link #MEMORY_SCALE_MB} MB, running {@code modify - create} seconds (its observed
 * lifetime). Instances are not expanded. Arrivals are shifted so the first is at 0 and sorted.
 */
public final class TaskTraceReader {
    /** plan_mem is normalised to the machine; we read 1.0 as a 64 GiB machine. */
    public static final int MEMORY_SCALE_MB = 65536;

    private TaskTraceReader() {
    }

    public static List<TaskArrival> read(Path file) throws IOException {
        List<long[]> rows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (BufferedReader r = TraceIo.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.strip().split("\\s*,\\s*");
                if (f.length < 8 || f[0].isEmpty() || !(Character.isDigit(f[0].charAt(0)) || f[0].charAt(0) == '-')) {
                    continue;
                }
                if (!f[5].equals("Terminated") || f[6].isEmpty() || f[7].isEmpty()) {
                    continue;
                }
                long create = Long.parseLong(f[0]);
                long duration = Long.parseLong(f[1]) - create;
                if (duration <= 0) {
                    continue;
                }
                long cpu = Math.round(Double.parseDouble(f[6]) * 10);
                long mem = Math.max(1, Math.round(Double.parseDouble(f[7]) * MEMORY_SCALE_MB));
                rows.add(new long[] {create, cpu, mem, duration});
                ids.add(f[2] + "/" + f[3]);
            }
        }
        List<TaskArrival> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            long[] x = rows.get(i);
            out.add(new TaskArrival(ids.get(i), x[0], (int) x[1], (int) x[2], x[3], 0));
        }
        out.sort(Comparator.comparingLong(TaskArrival::arrival).thenComparing(TaskArrival::id));
        long origin = out.isEmpty() ? 0 : out.get(0).arrival();
        out.replaceAll(t -> new TaskArrival(t.id(), t.arrival() - origin, t.cpuMillis(), t.memoryMb(),
                t.durationSeconds(), t.priority()));
        return out;
    }
}
