package org.sharercloud.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.monitoring.HourAvailability;

/**
 * Time each member spends ONLINE, per UTC hour. Open ONLINE spans and not-yet-stored milliseconds
 * live in memory (one entry per member, plus one per member-hour between two flushes); {@link #drain}
 * hands the milliseconds to the store.
 */
final class AvailabilityTracker {
    static final long HOUR = 3_600_000L;

    /** A member and the start of an hour. */
    record Key(String memberId, long hour) {
    }

    private final Map<String, Long> onlineSince = new ConcurrentHashMap<>();
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();

    /** The member is (still) ONLINE, or not, as of {@code ts}. */
    void observe(String memberId, boolean online, long ts) {
        if (online) {
            onlineSince.putIfAbsent(memberId, ts);
        } else {
            onlineSince.computeIfPresent(memberId, (k, since) -> {
                add(k, since, ts);
                return null;
            });
        }
    }

    /** Accounts open spans up to {@code now} and returns (and forgets) every pending millisecond. */
    Map<Key, Long> drain(long now) {
        for (String member : onlineSince.keySet()) {
            onlineSince.computeIfPresent(member, (k, since) -> {
                add(k, since, now);
                return Math.max(since, now);
            });
        }
        Map<Key, Long> out = new HashMap<>();
        for (Key k : pending.keySet()) {
            Long ms = pending.remove(k);
            if (ms != null) {
                out.merge(k, ms, Long::sum);
            }
        }
        return out;
    }

    /** Gives back what could not be stored. */
    void restore(Map<Key, Long> unstored) {
        unstored.forEach((k, ms) -> pending.merge(k, ms, Long::sum));
    }

    /**
     * The last {@code hours} hours of a member: {@code stored} milliseconds per hour start plus what
     * is still in memory.
     */
    List<HourAvailability> hours(String memberId, int hours, long now, Map<Long, Long> stored) {
        long current = Math.floorDiv(now, HOUR) * HOUR;
        long first = current - (hours - 1) * HOUR;
        Map<Long, Long> ms = new HashMap<>(stored);
        pending.forEach((k, v) -> {
            if (k.memberId().equals(memberId)) {
                ms.merge(k.hour(), v, Long::sum);
            }
        });
        Long since = onlineSince.get(memberId);
        if (since != null) {
            split(since, now, (h, v) -> ms.merge(h, v, Long::sum));
        }
        List<HourAvailability> out = new ArrayList<>(hours);
        for (long h = first; h <= current; h += HOUR) {
            long length = h == current ? now - current : HOUR;
            double online = length <= 0 ? 0 : Math.min(1.0, ms.getOrDefault(h, 0L) / (double) length);
            out.add(new HourAvailability(Instant.ofEpochMilli(h), online));
        }
        return out;
    }

    int openSpans() {
        return onlineSince.size();
    }

    private void add(String memberId, long from, long to) {
        split(from, to, (h, v) -> pending.merge(new Key(memberId, h), v, Long::sum));
    }

    private interface HourSink {
        void add(long hour, long ms);
    }

    private static void split(long from, long to, HourSink sink) {
        long t = from;
        while (t < to) {
            long hour = Math.floorDiv(t, HOUR) * HOUR;
            long end = Math.min(to, hour + HOUR);
            sink.add(hour, end - t);
            t = end;
        }
    }
}
