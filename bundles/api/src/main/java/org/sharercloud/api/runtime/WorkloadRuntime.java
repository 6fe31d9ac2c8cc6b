package org.sharercloud.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;
import org.sharercloud.api.ApiException;

/**
 * Runs attempts on a contributor machine. Each runtime is a service with a {@link #NAME} property
 * ({@code docker}, {@code process}); the contributor uses the one its owner configured.
 */
@ConsumerType
public interface WorkloadRuntime {
    /** Service property: the runtime's name. */
    String NAME = "name";

    /** Label (container label or work-directory marker) naming the attempt or reservation a sandbox belongs to. */
    String LABEL_ATTEMPT = "org.sharercloud.attempt";

    /** Label marking every sandbox this runtime created on behalf of the contributor agent. */
    String LABEL_OWNER = "org.sharercloud.owner";

    /** Value of {@link #LABEL_OWNER} for the contributor agent's sandboxes. */
    String OWNER_CONTRIBUTOR = "contributor";

    String name();

    /** Whether this runtime can run work on this machine now (e.g. the Docker engine answers). */
    boolean available();

    /** Why this runtime is unavailable (a sentence for the machine's owner), or null when it is available. */
    default String unavailableReason() {
        return available() ? null : "the " + name() + " runtime is unavailable";
    }

    /**
     * Starts a run; the listener receives its output and its end. Never blocks for the run itself.
     *
     * @throws ApiException 400 for a bad spec field, 409 when this runtime is disabled or unavailable
     */
    RunHandle start(RunSpec spec, RunListener listener);

    /**
     * Reserves a long-lived sandbox (same limits as a run, without a wall-clock limit) in which
     * commands can then be executed one by one.
     *
     * @throws ApiException 400 for a bad spec field, 409 when this runtime cannot reserve workers
     */
    default WorkerSandbox reserve(WorkerSpec spec) {
        throw ApiException.conflict("the " + name() + " runtime does not offer reserved workers");
    }

    /**
     * Removes every sandbox left over by an earlier agent (labelled {@link #LABEL_OWNER} =
     * {@link #OWNER_CONTRIBUTOR}), whatever its state. Called when the agent starts.
     *
     * @return how many were removed
     */
    default int cleanup() {
        return 0;
    }

    /**
     * CPU time, in nanoseconds, used so far by everything this runtime started on this machine (running and
     * finished runs and workers together), or {@code -1} when it cannot tell. The contributor subtracts what
     * it grows by from the machine's load, so our own work does not count as the owner's. The counter may
     * restart (e.g. a cgroup recreated); callers count only its increases.
     */
    default long cpuNanos() {
        return -1;
    }
}
