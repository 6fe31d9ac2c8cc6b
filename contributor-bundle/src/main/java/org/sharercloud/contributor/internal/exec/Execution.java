package org.sharercloud.contributor.internal.exec;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.MemberIdentity;

/**
 * The agent's execution side, wired: the assignments loop, the runs and reserved workers it drives, the
 * outbox of their reports, and a fixed, small set of threads (one timer, {@value #IO_THREADS} for reports,
 * {@value #TASK_THREADS} for reserve/exec/release), whatever the number of assignments.
 */
public final class Execution {
    static final int IO_THREADS = 2;
    static final int TASK_THREADS = 4;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemons("sharer-contributor-timer"));
    private final ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, daemons("sharer-contributor-report"));
    private final ExecutorService tasks = Executors.newFixedThreadPool(TASK_THREADS, daemons("sharer-contributor-task"));
    private final Outbox outbox;
    private final Runs runs;
    private final Workers workers;
    private final AssignmentLoop loop;

    /**
     * @param budget      what the owner's sharing policy lets runs use at once
     * @param retryMax    the longest pause between retries of a report
     * @param waitSeconds the long-poll's wait (30 in production; tests shorten it)
     * @param idleMillis  how often to look again while not joined or without a runtime
     */
    public Execution(Budget budget, Duration retryMax, Supplier<MemberIdentity> identity, RuntimeRegistry runtimes,
            CoordinatorClient client, Backoff backoff, int waitSeconds, long idleMillis) {
        this.outbox = new Outbox(identity, io, timer, retryMax);
        this.runs = new Runs(runtimes::get, budget, outbox, client, timer);
        this.workers = new Workers(() -> runtimes.get("docker"), outbox, client, tasks);
        this.loop = new AssignmentLoop(identity, runtimes, client, runs, workers, backoff, waitSeconds, idleMillis);
    }

    public void start() {
        loop.start();
    }

    public Runs runs() {
        return runs;
    }

    public Workers workers() {
        return workers;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Stops taking work, kills what runs and releases what is held, without reporting (the next start resyncs). */
    public void stop() throws InterruptedException {
        loop.stop();
        runs.dropAll();
        workers.releaseAll();
        outbox.close();
        tasks.shutdown();
        io.shutdown();
        tasks.awaitTermination(5, TimeUnit.SECONDS);
        io.awaitTermination(5, TimeUnit.SECONDS);
        timer.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
