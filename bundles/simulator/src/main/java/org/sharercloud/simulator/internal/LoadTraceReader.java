package org.sharercloud.simulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Bitbrains GWA-T-12 VM traces: the original per-VM files (fields separated by {@code ";\t"},
 * columns timestamp, cores, capacity MHz, usage MHz, usage %, memory KB, ...) and the combined CSV
 * ({@code vm_id,timestamp_s,cpu_cores,...,cpu_usage_pct,mem_capacity_provisioned_kb,...}). Rows are
 * taken in order at the 300 s step (the rare missing sample is not filled). Cores and memory are those
 * of the first row.
 */
public final class LoadTraceReader {
    static final int STEP_SECONDS = 300;

    private LoadTraceReader() {
    }

    /** Reads one file: a per-VM file gives one trace, the combined CSV one per VM. */
    public static List<LoadTrace> read(Path file) throws IOException {
        String first = TraceIo.firstLine(file);
        if (first == null) {
            return List.of();
        }
        if (first.startsWith("vm_id,")) {
            return readCombined(file);
        }
        if (first.contains(";")) {
            String name = file.getFileName().toString();
            return List.of(readPerVm(file, "vm-" + name.substring(0, name.indexOf('.') < 0 ? name.length() : name.indexOf('.'))));
        }
        throw new IOException(file + ": not a Bitbrains VM trace: " + first);
    }

    static LoadTrace readPerVm(Path file, String id) throws IOException {
        List<Double> load = new ArrayList<>();
        int cores = 0;
        long memMb = 0;
        try (BufferedReader r = TraceIo.open(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(";\\s*");
                if (f.length < 6 || !Character.isDigit(f[0].trim().charAt(0))) {
                    continue;
                }
                if (load.isEmpty()) {
                    cores = (int) Double.parseDouble(f[1].trim());
                    memMb = (long) (Double.parseDouble(f[5].trim()) / 1024);
                }
                load.add(Double.parseDouble(f[4].trim()) / 100);
            }
        }
        return new LoadTrace(id, cores, memMb, STEP_SECONDS, load.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static List<LoadTrace> readCombined(Path file) throws IOException {
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        try (BufferedReader r = TraceIo.open(file)) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length < 7) {
                    continue;
                }
                rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[2]),
                        Double.parseDouble(f[5]) / 100, Double.parseDouble(f[6]) / 1024});
            }
        }
        List<LoadTrace> out = new ArrayList<>();
        rows.forEach((vm, v) -> out.add(new LoadTrace("vm-" + vm, (int) v.get(0)[0], (long) v.get(0)[2], STEP_SECONDS,
                v.stream().mapToDouble(x -> x[1]).toArray())));
        return out;
    }
}
