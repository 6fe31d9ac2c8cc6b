package org.sharercloud.scheduler.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this bundle's components run work in the background (periodic work and one-off tasks): one
 * named daemon thread per component, made when it activates and closed when it deactivates. Tasks run one
 * at a time in submission order; a task that throws is logged with the component's own words and the
 * schedule goes on; after {@link #close} new tasks are ignored. Used by the scheduling loop ({@link PassRunner}),
 * the forecast strategy's refresh and the autoscaler.
 *
 * <p>Why not the Karaf scheduler whiteboard: it brings Quartz and a 30-thread pool into the coordinator for
 * three tasks, reads its period from a service property (our periods live in the module's configuration),
 * and cannot coalesce the scheduling loop's bursts of triggers into one pass.
 */
public final class Ticker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);
    private final String name;
    private final String onFailure;
    private final ScheduledExecutorService executor;

    /**
     * @param threadName the thread's name ({@code sharer-<module>-<what>})
     * @param onFailure  logged (with the exception) when a task throws, e.g. "forecast refresh failed; keeping
     *                   the previous forecasts"
     */
    public Ticker(String threadName, String onFailure) {
        this.name = threadName;
        this.onFailure = onFailure;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the task on the thread as soon as it is free; false when closed. */
    public boolean run(Runnable task) {
        try {
            executor.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs the task once after the delay (at once when not positive); null when closed. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        try {
            return executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs the task after {@code first}, then every {@code period} from one start to the next (a late run does not overlap); null when closed. */
    public ScheduledFuture<?> atFixedRate(Duration first, Duration period, Runnable task) {
        try {
            return executor.scheduleAtFixedRate(guarded(task), first.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs the task after {@code first}, then {@code period} after each run ends; null when closed. */
    public ScheduledFuture<?> withFixedDelay(Duration first, Duration period, Runnable task) {
        try {
            return executor.scheduleWithFixedDelay(guarded(task), first.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn(onFailure, e);
            }
        };
    }

    /** Stops the thread, interrupting a running task and waiting a bounded time (5 s) for it. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
