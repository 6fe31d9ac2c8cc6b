package org.sharercloud.scheduler.internal.loop;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs passes on one dedicated thread when triggered. Triggers arriving while a pass is queued are
 * absorbed by it; a trigger during a running pass causes exactly one more pass afterwards, so no
 * event is missed and a burst costs at most two passes. A pass may also be asked for later
 * ({@link #triggerAfter}): only the earliest such wake-up is kept.
 */
public final class PassRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PassRunner.class.getName());
    private final ScheduledExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable pass;

    public PassRunner(String threadName, Runnable pass) {
        this.pass = pass;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Requests a pass; returns at once. */
    public void trigger() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(this::runOnce);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closed
            }
        }
    }

    private ScheduledFuture<?> wake;
    private long wakeAtNanos;

    /** Requests a pass after {@code delay} (at once when not positive), unless an earlier one is already asked for. */
    public synchronized void triggerAfter(Duration delay) {
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        if (wake != null && !wake.isDone() && wakeAtNanos - at <= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        try {
            wakeAtNanos = at;
            wake = executor.schedule(this::trigger, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            wake = null; // closed
        }
    }

    private void runOnce() {
        queued.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "scheduling pass failed; the next trigger retries", e);
        }
    }

    /** Stops the thread, waiting a bounded time for a running pass. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "scheduling pass did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
