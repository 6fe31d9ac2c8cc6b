package org.sharercloud.contributor.internal.exec;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.timers.Timers;

/**
 * One attempt on this machine: the runtime's listener, turned into the protocol's events. Output is batched
 * into LOG events (at most every {@link #FLUSH_MILLIS} ms, or at once when {@link #BATCH_CHARS} are waiting,
 * or when the stream changes), so a chatty job does not make one request per line. Live usage from the runtime
 * becomes a USAGE event at most once per usage interval (the first at once), so the coordinator sees the CPU rate.
 */
final class AttemptRun implements RunListener {
    static final long FLUSH_MILLIS = 250;
    static final int BATCH_CHARS = 16 * 1024;
    /** Default gap between two USAGE events of one run. */
    static final long USAGE_EVERY_MILLIS = 10_000;

    private final StartAttempt start;
    private final Reporter reporter;
    private final Timers timer;
    private final Runnable onFinished;
    private final LongSupplier clockMillis;
    private final long usageEveryMillis;
    private long lastUsageAt = Long.MIN_VALUE;
    private final StringBuilder buffer = new StringBuilder();
    private String bufferStream;
    private ScheduledFuture<?> flush;
    private RunHandle handle;
    private boolean cancelRequested;
    private boolean finished;
    private volatile boolean dropped;

    /** Where the events go (in order, per attempt). */
    interface Reporter {
        void report(AttemptRun run, AttemptEvent event);
    }

    AttemptRun(StartAttempt start, Reporter reporter, Timers timer, Runnable onFinished) {
        this(start, reporter, timer, onFinished, System::currentTimeMillis, USAGE_EVERY_MILLIS);
    }

    /** @param usageEveryMillis least gap between USAGE events; 0 sends every sample the runtime gives */
    AttemptRun(StartAttempt start, Reporter reporter, Timers timer, Runnable onFinished, LongSupplier clockMillis,
            long usageEveryMillis) {
        this.start = start;
        this.reporter = reporter;
        this.timer = timer;
        this.onFinished = onFinished;
        this.clockMillis = clockMillis;
        this.usageEveryMillis = usageEveryMillis;
    }

    StartAttempt start() {
        return start;
    }

    String id() {
        return start.attemptId();
    }

    long token() {
        return start.fencingToken();
    }

    /** The runtime's handle, once {@code start} returned; a cancel asked for meanwhile is applied now. */
    void handle(RunHandle h) {
        boolean cancel;
        synchronized (this) {
            handle = h;
            cancel = cancelRequested && !finished;
        }
        if (cancel) {
            h.cancel();
        }
    }

    /** Kills the run; the runtime then calls {@link #finished} with CANCELLED. */
    void cancel() {
        RunHandle h;
        synchronized (this) {
            cancelRequested = true;
            h = finished ? null : handle;
        }
        if (h != null) {
            h.cancel();
        }
    }

    /** The coordinator refused it (409/404) or the agent is going away: kill it and report nothing more. */
    void drop() {
        dropped = true;
        cancel();
    }

    boolean dropped() {
        return dropped;
    }

    @Override
    public void started() {
        reporter.report(this, AttemptEvent.running(token()));
    }

    @Override
    public void output(boolean stderr, String text) {
        if (text == null || text.isEmpty() || dropped) {
            return;
        }
        String stream = stderr ? "stderr" : "stdout";
        synchronized (this) {
            if (!buffer.isEmpty() && !stream.equals(bufferStream)) {
                flushLocked();
            }
            bufferStream = stream;
            buffer.append(text);
            if (buffer.length() >= BATCH_CHARS) {
                flushLocked();
            } else if (flush == null) {
                flush = timer.after("log flush", Duration.ofMillis(FLUSH_MILLIS), this::flush);
                if (flush == null) { // stopped
                    flushLocked();
                }
            }
        }
    }

    @Override
    public void usage(double cpuSeconds, long peakMemoryMb) {
        if (dropped || !(cpuSeconds >= 0) || Double.isInfinite(cpuSeconds) || peakMemoryMb < 0) {
            return;
        }
        synchronized (this) {
            long now = clockMillis.getAsLong();
            if (finished || (lastUsageAt != Long.MIN_VALUE && now - lastUsageAt < usageEveryMillis)) {
                return;
            }
            lastUsageAt = now;
            flushLocked(); // keeps LOG and USAGE in the order they happened
            reporter.report(this, AttemptEvent.usage(token(), cpuSeconds, peakMemoryMb));
        }
    }

    private synchronized void flush() {
        flush = null;
        flushLocked();
    }

    private void flushLocked() {
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        if (!buffer.isEmpty()) {
            reporter.report(this, AttemptEvent.log(token(), bufferStream, buffer.toString()));
            buffer.setLength(0);
        }
    }

    @Override
    public void finished(RunResult r) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            flushLocked();
        }
        reporter.report(this, AttemptEvent.result(token(), r.exitCode(), r.outcome(), r.reason(), r.cpuSeconds(), r.peakMemoryMb(),
                r.outputs(), r.outputsSha256()));
        onFinished.run();
    }
}
