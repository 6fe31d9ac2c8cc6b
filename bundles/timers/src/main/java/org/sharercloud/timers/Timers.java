package org.sharercloud.timers;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a module runs periodic, delayed and background work (rather than a hand-rolled executor with
 * its own thread factory): daemon threads named {@code sharer-NAME} (numbered when there are several),
 * tasks that survive their own failures, and one {@link #close()} in the component's deactivate.
 *
 * <pre>
 * timers = Timers.create("members", 2);                       // in the activate constructor
 * timers.atFixedRate("liveness check", period, period, live::checkLiveness);
 * timers.close();                                             // in deactivate
 * </pre>
 *
 * Every task is named ({@code what}) for the log. A task that throws is logged (WARN, with the stack trace
 * the first time, one line while it keeps failing) and a periodic one runs again at its next period: a
 * failed round never stops the schedule. Once closed, new tasks are ignored ({@code false} or {@code null}),
 * never thrown at the caller: a component that is going away has nothing left to schedule. A component keeps
 * the work itself in plain methods that its tests call directly with a manual clock; only the activation
 * schedules them here.
 *
 * <p>Why not the Karaf scheduler whiteboard: it brings Quartz and its own thread pool into the coordinator
 * (and the contributor) for a handful of tasks, reads each period from a service property where ours live in
 * the module's configuration, and cannot coalesce a burst of triggers into one run as the scheduling loop
 * does.
 */
public final class Timers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    private static final long CLOSE_WAIT_SECONDS = 5;
    private final String name;
    private final ScheduledExecutorService executor;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private Timers(String name, int count) {
        this.name = "sharer-" + name;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(Math.max(1, count), r -> {
            Thread t = new Thread(r, count > 1 ? this.name + "-" + n.incrementAndGet() : this.name);
            t.setDaemon(true);
            this.threads.add(t);
            return t;
        });
    }

    /**
     * Timers for a module's work on {@code threads} threads named {@code sharer-NAME} (tasks on different threads
     * never delay each other; with one thread, tasks run one at a time in the order they are due).
     */
    public static Timers create(String name, int threads) {
        return new Timers(name, threads);
    }

    /** Runs {@code task} as soon as a thread is free; false once closed. */
    public boolean run(String what, Runnable task) {
        try {
            executor.execute(guarded(what, task, ""));
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Runs {@code task} once after {@code delay} (at once when not positive); null once closed. */
    public ScheduledFuture<?> after(String what, Duration delay, Runnable task) {
        try {
            return executor.schedule(guarded(what, task, ""), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    /**
     * Runs {@code task} every {@code period} from {@code first} on (fixed rate: a late run does not shift the
     * next ones, and runs never overlap); null once closed.
     */
    public ScheduledFuture<?> atFixedRate(String what, Duration first, Duration period, Runnable task) {
        try {
            return executor.scheduleAtFixedRate(guarded(what, task, "; it runs again next period"), Math.max(0, first.toNanos()),
                    Math.max(1, period.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    /** Runs {@code task} from {@code first} on, {@code delay} after the end of each run (runs never pile up); null once closed. */
    public ScheduledFuture<?> withFixedDelay(String what, Duration first, Duration delay, Runnable task) {
        try {
            return executor.scheduleWithFixedDelay(guarded(what, task, "; it runs again next period"), Math.max(0, first.toNanos()),
                    Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
    }

    /** Stops every task, interrupting a running one and waiting a bounded time (5 s) for it; later tasks are ignored. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (threads.contains(Thread.currentThread())) {
            return; // closed by one of its own tasks: that task is the one still running
        }
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{}: a task did not stop within {} s", name, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable guarded(String what, Runnable task, String then) {
        AtomicBoolean failing = new AtomicBoolean();
        return () -> {
            try {
                task.run();
                failing.set(false);
            } catch (RuntimeException e) {
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("{}: {} failed{}", name, what, then, e);
                } else {
                    LOG.warn("{}: {} failed again{}: {}", name, what, then, e.toString());
                }
            }
        };
    }
}
