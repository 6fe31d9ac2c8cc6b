package org.sharercloud.workloads.internal.engine;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.ReplicaUsage;

/**
 * The last two USAGE reports of each running attempt, so that its current CPU rate (cores) is known.
 * Kept in memory only: after a restart the next reports rebuild it.
 */
public final class UsageTracker {
    private record Sample(double cpuSeconds, long atMillis) {
    }

    private record Pair(Sample previous, Sample last) {
    }

    private final Map<String, Pair> samples = new ConcurrentHashMap<>();

    /** A USAGE report arrived for the attempt (cumulative CPU seconds). */
    public void record(String attemptId, double cpuSeconds, long atMillis) {
        samples.compute(attemptId, (id, p) -> new Pair(p == null ? null : p.last(), new Sample(cpuSeconds, atMillis)));
    }

    /** The attempt is over. */
    public void forget(String attemptId) {
        samples.remove(attemptId);
    }

    /** The live usage of a running attempt; the first report's rate is measured from the attempt's start. */
    public ReplicaUsage of(Attempt a) {
        Pair p = samples.get(a.id());
        if (p == null) {
            return new ReplicaUsage(a.id(), a.replica(), a.cpuSeconds(), null, Double.NaN);
        }
        Sample from = p.previous() != null ? p.previous()
                : a.startedAt() == null ? null : new Sample(0, a.startedAt().toEpochMilli());
        double cores = Double.NaN;
        if (from != null && p.last().atMillis() > from.atMillis()) {
            cores = Math.max(0, p.last().cpuSeconds() - from.cpuSeconds()) * 1000.0 / (p.last().atMillis() - from.atMillis());
        }
        return new ReplicaUsage(a.id(), a.replica(), p.last().cpuSeconds(), Instant.ofEpochMilli(p.last().atMillis()), cores);
    }
}
