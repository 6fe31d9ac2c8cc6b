package org.sharercloud.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.sharercloud.api.monitoring.MetricPoint;

/** Averages points (weighted by how many samples each stands for) into fixed {@code step} buckets. */
final class HistoryBuckets {
    private HistoryBuckets() {
    }

    /** @param points sorted by time, all in [from, from + n × step) */
    static List<MetricPoint> average(List<Sample> points, long from, long step) {
        List<MetricPoint> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        double cpu = 0;
        double owner = 0;
        double mem = 0;
        int n = 0;
        for (Sample s : points) {
            long b = Math.floorDiv(s.ts() - from, step);
            if (b != bucket && n > 0) {
                out.add(point(from + bucket * step, cpu, owner, mem, n));
                cpu = owner = mem = 0;
                n = 0;
            }
            bucket = b;
            cpu += s.cpuLoad() * s.samples();
            owner += s.ownerLoad() * s.samples();
            mem += (double) s.memoryUsedMb() * s.samples();
            n += s.samples();
        }
        if (n > 0) {
            out.add(point(from + bucket * step, cpu, owner, mem, n));
        }
        return out;
    }

    private static MetricPoint point(long t, double cpu, double owner, double mem, int n) {
        return new MetricPoint(Instant.ofEpochMilli(t), cpu / n, owner / n, Math.round(mem / n), n);
    }
}
