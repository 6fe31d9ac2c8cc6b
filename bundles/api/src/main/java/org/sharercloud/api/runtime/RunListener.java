package org.sharercloud.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives what a run produces, as it happens. */
@ConsumerType
public interface RunListener {
    /** The container/process started. */
    void started();

    /** A chunk of output; {@code stderr} tells the stream. */
    void output(boolean stderr, String text);

    /** The run ended (called once). */
    void finished(RunResult result);
}
