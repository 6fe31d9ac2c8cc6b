package org.sharercloud.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/** A run in progress. */
@ProviderType
public interface RunHandle {
    /** Kills the run; the listener then gets {@code finished} with outcome CANCELLED. */
    void cancel();
}
