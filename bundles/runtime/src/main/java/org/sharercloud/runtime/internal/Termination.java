package org.sharercloud.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.runtime.RunResult;

/**
 * Why a run was stopped from outside (cancel, wall-clock limit, outputs over their cap; the first
 * cause wins), the watchdogs that stop it, and the {@link RunResult} that follows.
 */
public final class Termination {
    private final List<Future<?>> watchdogs = new ArrayList<>();
    private String outcome;
    private String reason;

    /** Records a cause; returns true when it is the first one (the caller then kills the run). */
    public synchronized boolean request(String outcome, String reason) {
        if (this.outcome != null) {
            return false;
        }
        this.outcome = outcome;
        this.reason = reason;
        return true;
    }

    public synchronized boolean requested() {
        return outcome != null;
    }

    /**
     * Starts the wall-clock limit, which calls {@code stop} (a graceful stop: SIGTERM, then SIGKILL after the
     * grace period), and, when {@code dir} is given, a watch of the size of its {@code output/} every 250 ms, which
     * calls {@code kill} once the files there exceed {@code outputCap} or cannot be measured (an entry the job made
     * unreadable counts as over the cap).
     */
    public synchronized void arm(ScheduledExecutorService timers, int timeoutSeconds, Runnable stop, WorkDir dir, long outputCap,
            Runnable kill) {
        watchdogs.add(timers.schedule(() -> {
            if (request(RunResult.TIMED_OUT, "wall-clock limit of " + timeoutSeconds + " s reached; stopped")) {
                stop.run();
            }
        }, timeoutSeconds, TimeUnit.SECONDS));
        if (dir == null) {
            return;
        }
        watchdogs.add(timers.scheduleWithFixedDelay(() -> {
            long size = dir.outputBytes();
            if (size < 0 && request(RunResult.FAILED, "an entry under /output could not be read or measured (a folder made "
                    + "unreadable?), which counts as over the cap of " + outputCap + " bytes; killed")) {
                kill.run();
            } else if (size > outputCap && request(RunResult.FAILED, "files under /output reached " + size
                    + " bytes, over the cap of " + outputCap + " bytes; killed")) {
                kill.run();
            }
        }, 250, 250, TimeUnit.MILLISECONDS));
    }

    /** Adds to the reason of the recorded cause (e.g. that the run ignored SIGTERM and was killed). */
    public synchronized void amend(String more) {
        if (reason != null) {
            reason = reason + "; " + more;
        }
    }

    public synchronized void disarm() {
        watchdogs.forEach(f -> f.cancel(false));
        watchdogs.clear();
    }

    /**
     * The result: a stop cause first, then an out-of-memory kill, then a problem collecting the
     * outputs, then the exit code.
     */
    public synchronized RunResult result(int exitCode, boolean oomKilled, int memoryMb, double cpuSeconds, long peakMemoryMb,
            byte[] outputs, String outputsProblem) {
        if (outcome != null) {
            return new RunResult(exitCode, outcome, reason, cpuSeconds, peakMemoryMb, RunResult.FAILED.equals(outcome) ? null : outputs);
        }
        if (oomKilled) {
            return new RunResult(exitCode, RunResult.OOM_KILLED, "killed for exceeding the memory limit of " + memoryMb + " MB",
                    cpuSeconds, peakMemoryMb, outputs);
        }
        if (outputsProblem != null) {
            return new RunResult(exitCode, RunResult.FAILED, outputsProblem, cpuSeconds, peakMemoryMb, null);
        }
        if (exitCode == 0) {
            return new RunResult(0, RunResult.SUCCEEDED, "exited with code 0", cpuSeconds, peakMemoryMb, outputs);
        }
        return new RunResult(exitCode, RunResult.FAILED, "exited with code " + exitCode, cpuSeconds, peakMemoryMb, outputs);
    }

    /** A run that never started. */
    public static RunResult notStarted(String reason) {
        return new RunResult(-1, RunResult.FAILED, reason, 0, 0, null);
    }
}
