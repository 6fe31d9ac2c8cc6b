package org.sharercloud.api.timers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a module runs periodic and delayed work (rather than a hand-rolled executor with its own
 * thread factory): daemon threads named {@code sharer-NAME} (numbered when there are several), periodic
 * tasks that survive their own failures, and one {@link #close()} in the component's deactivate.
 *
 * <pre>
 * timers = Timers.create("members", 2);                       // in the activate constructor
 * timers.atFixedRate("liveness check", period, period, live::checkLiveness);
 * timers.close();                                             // in deactivate
 * </pre>
 *
 * A periodic task that throws is logged (WARN, with what it is) and runs again at its next period:
 * a failed round never stops the schedule. A component keeps the work itself in plain methods that its
 * tests call directly with a manual clock; only the activation schedules them here.
 */
public final class Timers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    private final String name;
    private final ScheduledExecutorService executor;

    private Timers(String name, int threads) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, threads > 1 ? "sharer-" + name + "-" + n.incrementAndGet() : "sharer-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Timers for a module's work on {@code threads} threads (tasks on different threads never delay each other). */
    public static Timers create(String name, int threads) {
        return new Timers(name, threads);
    }

    /** Runs {@code task} every {@code period} from {@code first} on (fixed rate: a late run does not shift the next ones). */
    public ScheduledFuture<?> atFixedRate(String what, Duration first, Duration period, Runnable task) {
        return executor.scheduleAtFixedRate(guarded(what, task), first.toNanos(), Math.max(1, period.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} from {@code first} on, {@code delay} after the end of each run (fixed delay: runs never pile up). */
    public ScheduledFuture<?> withFixedDelay(String what, Duration first, Duration delay, Runnable task) {
        return executor.scheduleWithFixedDelay(guarded(what, task), first.toNanos(), Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @throws java.util.concurrent.RejectedExecutionException once closed
     */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Stops every task (a running one is interrupted); later calls are refused. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("sharer-{}: {} failed, trying again next period: {}", name, what, e.toString());
            }
        };
    }
}
