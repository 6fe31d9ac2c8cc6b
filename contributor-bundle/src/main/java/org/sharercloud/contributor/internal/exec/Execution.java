package org.sharercloud.contributor.internal.exec;

import java.time.Duration;
import java.util.function.Supplier;

import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.MemberIdentity;
import org.sharercloud.timers.Timers;

/**
 * The agent's execution side, wired: the assignments loop, the runs and reserved workers it drives, the
 * outbox of their reports, and a fixed, small set of threads from {@link Timers} (one timer, {@value #IO_THREADS}
 * for reports, {@value #TASK_THREADS} for reserve/exec/release), whatever the number of assignments.
 */
public final class Execution {
    static final int IO_THREADS = 2;
    static final int TASK_THREADS = 4;

    private final Timers timer = Timers.create("contributor-timer", 1);
    private final Timers io = Timers.create("contributor-report", IO_THREADS);
    private final Timers tasks = Timers.create("contributor-task", TASK_THREADS);
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
        tasks.close();
        io.close();
        timer.close();
    }
}
