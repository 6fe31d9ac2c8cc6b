package org.sharercloud.api.runtime;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sharercloud.api.ApiException;

/** A reserved worker's sandbox, alive until {@link #release()}. Safe to use from several threads. */
@ProviderType
public interface WorkerSandbox {
    /** The reservation id it was reserved for. */
    String reservationId();

    /**
     * Runs a command inside the sandbox and waits for it.
     *
     * @param command        command and arguments (not empty)
     * @param timeoutSeconds wall-clock limit; the command is killed when it is exceeded
     * @param maxOutputBytes cap on each of stdout and stderr ({@code <= 0}: the runtime's default)
     * @throws ApiException 400 for an empty command, 409 once released
     */
    ExecResult exec(List<String> command, int timeoutSeconds, long maxOutputBytes);

    /** Stops and removes the sandbox; idempotent. */
    void release();
}
