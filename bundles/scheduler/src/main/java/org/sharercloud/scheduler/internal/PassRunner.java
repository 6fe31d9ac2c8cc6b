package org.sharercloud.scheduler.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sharercloud.timers.Timers;

/**
 * Runs passes on one dedicated thread ({@link Timers} {@code sharer-NAME}) when triggered. Triggers arriving while a pass is
 * queued are absorbed by it; a trigger during a running pass causes exactly one more pass afterwards, so no
 * event is missed and a burst costs at most two passes. A pass may also be asked for later
 * ({@link #triggerAfter}): only the earliest such wake-up is kept.
 */
public final class PassRunner implements AutoCloseable {
    private final Timers timers;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable pass;
    private ScheduledFuture<?> wake;
    private long wakeAtNanos;

    public PassRunner(String name, Runnable pass) {
        this.pass = pass;
        this.timers = Timers.create(name, 1);
    }

    /** Requests a pass; returns at once. */
    public void trigger() {
        if (queued.compareAndSet(false, true) && !timers.run("scheduling pass", this::runOnce)) {
            queued.set(false); // closed
        }
    }

    /** Requests a pass after {@code delay} (at once when not positive), unless an earlier one is already asked for. */
    public synchronized void triggerAfter(Duration delay) {
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        if (wake != null && !wake.isDone() && wakeAtNanos - at <= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAtNanos = at;
        wake = timers.after("pass wake-up", delay, this::trigger); // null once closed
    }

    private void runOnce() {
        queued.set(false);
        pass.run();
    }

    /** Stops the thread, waiting a bounded time for a running pass. */
    @Override
    public void close() {
        timers.close();
    }
}
