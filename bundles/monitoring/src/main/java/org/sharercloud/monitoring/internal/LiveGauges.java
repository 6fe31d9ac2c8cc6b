package org.sharercloud.monitoring.internal;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.sharercloud.api.members.HostMetrics;

/** The latest metrics of each live member and the ingestion counters: one entry per member, no history. */
final class LiveGauges {
    private static final long RATE_WINDOW_MILLIS = 10_000;

    final Map<String, HostMetrics> latest = new ConcurrentHashMap<>();
    final LongAdder heartbeats = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder written = new LongAdder();
    private final ArrayDeque<long[]> totals = new ArrayDeque<>();

    void heartbeat(String memberId, HostMetrics m) {
        latest.put(memberId, m);
        heartbeats.increment();
    }

    void gone(String memberId) {
        latest.remove(memberId);
    }

    /** Remembers the heartbeat total at {@code now} (called about once a second). */
    synchronized void mark(long now) {
        totals.addLast(new long[] {now, heartbeats.sum()});
        while (totals.size() > 2 && totals.peekFirst()[0] < now - RATE_WINDOW_MILLIS) {
            totals.removeFirst();
        }
    }

    /** Heartbeats per second over about the last ten seconds. */
    synchronized double rate() {
        if (totals.size() < 2) {
            return 0;
        }
        long[] first = totals.peekFirst();
        long[] last = totals.peekLast();
        long ms = last[0] - first[0];
        return ms <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / ms;
    }
}
