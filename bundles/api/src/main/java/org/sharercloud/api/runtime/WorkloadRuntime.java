package org.sharercloud.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs attempts on a contributor machine. Each runtime is a service with a {@link #NAME} property
 * ({@code docker}, {@code process}); the contributor uses the one its owner configured.
 */
@ConsumerType
public interface WorkloadRuntime {
    /** Service property: the runtime's name. */
    String NAME = "name";

    String name();

    /** Whether this runtime can run work on this machine now (e.g. the Docker engine answers). */
    boolean available();

    /** Starts a run; the listener receives its output and its end. */
    RunHandle start(RunSpec spec, RunListener listener);
}
