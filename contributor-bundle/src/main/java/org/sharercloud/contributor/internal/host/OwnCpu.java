package org.sharercloud.contributor.internal.host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * CPU time that is ours, not the machine owner's, as one cumulative counter for {@link CpuSampler}: the sum of
 * the increases of several counters (this agent's JVM, what each runtime runs, processes configured as ours).
 * Each counter is read under a key; only its increases under the same key count, so a counter that restarts
 * (a recreated cgroup, a process that exited and one that took its place, a new runtime instance) or is
 * unknown for a while (-1) never adds a jump.
 */
public final class OwnCpu implements LongSupplier {
    /** Reports counters as (key, cumulative nanoseconds or -1 when unknown now). */
    @FunctionalInterface
    public interface Source {
        void read(BiConsumer<Object, Long> out);
    }

    private final List<Source> sources;
    private Map<Object, Long> last = new HashMap<>();
    private long total;

    public OwnCpu(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** A source with one counter under a fixed key. */
    public static Source single(String key, LongSupplier nanos) {
        return out -> out.accept(key, nanos.getAsLong());
    }

    @Override
    public synchronized long getAsLong() {
        Map<Object, Long> now = new HashMap<>();
        for (Source s : sources) {
            s.read(now::put);
        }
        for (Map.Entry<Object, Long> e : now.entrySet()) {
            Long before = last.get(e.getKey());
            long v = e.getValue();
            if (before != null && before >= 0 && v >= before) {
                total += v - before;
            }
        }
        last = now;
        return total;
    }
}
