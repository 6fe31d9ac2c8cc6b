package org.sharercloud.scheduler.internal.loop;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a strategy keeps per {@link CandidatePool} (its block summaries, a forecast's columns), typed: like a
 * {@code ThreadLocal} whose "thread" is the pool. A strategy declares one constant per kind of state, e.g.
 * {@code static final PoolLocal<Search> SEARCH = new PoolLocal<>(Search::new)}, and asks
 * {@code SEARCH.get(pool)}. The value lives as long as the pool (one pass, one thread: no locking).
 *
 * @param <T> the state's type
 */
public final class PoolLocal<T> {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final int index = NEXT.getAndIncrement();
    private final Function<CandidatePool, ? extends T> initial;

    /** @param initial builds the state for a pool on first use */
    public PoolLocal(Function<CandidatePool, ? extends T> initial) {
        this.initial = initial;
    }

    /** This pool's value, built on first use. */
    public T get(CandidatePool pool) {
        @SuppressWarnings("unchecked") // only set() and this method store under this index, both with a T
        T v = (T) pool.local(index);
        if (v == null) {
            v = initial.apply(pool);
            pool.setLocal(index, v);
        }
        return v;
    }

    /** Replaces this pool's value (e.g. when what it was built from changed). */
    public void set(CandidatePool pool, T value) {
        pool.setLocal(index, value);
    }
}
