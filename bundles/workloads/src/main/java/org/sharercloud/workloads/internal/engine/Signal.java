package org.sharercloud.workloads.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.sharercloud.timers.Timers;

/**
 * What readers wait on until something new happened (a log chunk, a state change), bounded. Two kinds of reader:
 * a thread that blocks ({@link #await}, the shell), woken by every fire; and an asynchronous one ({@link #next}: a
 * follower of logs, an exec waiting for its worker) that holds no thread while it waits and is woken only by news
 * about its key (a workload or reservation id) or by a fire for everyone. Asynchronous readers are woken on this
 * signal's own threads ({@code sharer-workloads-readers}), never on the thread that committed the change.
 */
public final class Signal implements AutoCloseable {
    private final Timers timers = Timers.create("workloads-readers", 2);
    private final Map<String, List<CompletableFuture<Void>>> waiting = new HashMap<>();
    private final Set<CompletableFuture<Boolean>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private long version;
    private int parked;

    public synchronized long version() {
        return version;
    }

    /** News for everyone: every reader wakes. */
    public void fire() {
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        synchronized (this) {
            version++;
            notifyAll();
            waiting.values().forEach(woken::addAll);
            waiting.clear();
            parked = 0;
        }
        wake(woken);
    }

    /** News about these keys: blocked readers wake (they re-check), asynchronous ones only when waiting on one of the keys. */
    public void fire(Collection<String> keys) {
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        synchronized (this) {
            version++;
            notifyAll();
            for (String k : keys) {
                List<CompletableFuture<Void>> l = waiting.remove(k);
                if (l != null) {
                    woken.addAll(l);
                    parked -= l.size();
                }
            }
        }
        wake(woken);
    }

    private void wake(List<CompletableFuture<Void>> woken) {
        if (woken.isEmpty()) {
            return;
        }
        if (closed || !timers.run("wake readers", () -> woken.forEach(f -> f.complete(null)))) {
            woken.forEach(f -> f.complete(null)); // closed: no more waiting
        }
    }

    /** Waits until the version moves past {@code seen} or {@code millis} pass; false on timeout. */
    public synchronized boolean await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * Completes (true) at the next news about {@code key} or for everyone, at once when anything fired since the
     * reader took {@code seen} from {@link #version()}; or (false) after {@code max}. Holds no thread meanwhile.
     */
    public CompletableFuture<Boolean> next(String key, long seen, Duration max) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (version != seen) {
                return CompletableFuture.completedFuture(true);
            }
            waiting.computeIfAbsent(key, k -> new ArrayList<>(2)).add(f);
            parked++;
        }
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        open.add(out);
        out.whenComplete((v, e) -> open.remove(out));
        ScheduledFuture<?> timeout = timers.after("reader timeout", max, () -> {
            synchronized (this) {
                List<CompletableFuture<Void>> l = waiting.get(key);
                if (l != null && l.remove(f)) {
                    parked--;
                    if (l.isEmpty()) {
                        waiting.remove(key);
                    }
                }
            }
            out.complete(false);
        });
        if (timeout == null || closed) {
            out.complete(false); // closed
        }
        f.thenRun(() -> {
            if (timeout != null) {
                timeout.cancel(false);
            }
            out.complete(true);
        });
        return out;
    }

    /** {@code f}, or failed with {@code onTimeout}'s exception when it has not completed after {@code max}. */
    public <T> CompletableFuture<T> within(CompletableFuture<T> f, Duration max, Supplier<? extends Throwable> onTimeout) {
        ScheduledFuture<?> t = timers.after("deadline", max, () -> f.completeExceptionally(onTimeout.get()));
        if (t == null) {
            f.completeExceptionally(onTimeout.get());
        } else {
            f.whenComplete((v, e) -> t.cancel(false));
        }
        return f;
    }

    /** Asynchronous readers waiting now. */
    public synchronized int parked() {
        return parked;
    }

    /** Wakes every reader and stops the reader threads. */
    @Override
    public void close() {
        closed = true;
        fire();
        timers.close();
        open.forEach(f -> f.complete(false)); // wake-ups and timeouts the closed threads will not run
    }
}
