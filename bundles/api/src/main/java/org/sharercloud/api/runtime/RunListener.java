package org.sharercloud.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives what a run produces, as it happens. */
@ConsumerType
public interface RunListener {
    /** The container/process started. */
    void started();

    /** A chunk of output; {@code stderr} tells the stream. */
    void output(boolean stderr, String text);

    /**
     * Resources used so far, while the run goes on: cumulative CPU seconds and the peak memory.
     * Runtimes that can measure it call this now and then (at most about once a second); the default
     * ignores it.
     */
    default void usage(double cpuSeconds, long peakMemoryMb) {
    }

    /** The run ended (called once). */
    void finished(RunResult result);
}
