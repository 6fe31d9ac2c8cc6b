package org.sharercloud.api.workloads;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.runtime.ExecResult;

/**
 * Reserved workers: a long-lived sandbox on one member, in which its owner runs commands one by one.
 * A reservation is visible to its owner and admins only (404 for anyone else).
 */
@ProviderType
public interface ReservationService {
    /**
     * Reserves a worker on the named member; the agent creates the sandbox (state REQUESTED, then READY).
     *
     * @throws org.sharercloud.api.ApiException 400 for a bad field, 404 for an unknown member, 409 when the
     *                                          member is not ONLINE or lacks the room, 503 without the
     *                                          members module
     */
    Reservation reserve(Principal owner, ReservationRequest request);

    /** The caller's active reservations (all for an admin), newest first. */
    List<Reservation> list(Principal caller);

    /** 404 when absent or not the caller's. */
    Reservation get(Principal caller, String reservationId);

    /**
     * Runs a command in the worker and waits (bounded) for its result; waits for the worker to become
     * READY first.
     *
     * @throws org.sharercloud.api.ApiException 400 for an empty command or bad timeout, 409 when released,
     *                                          failed or lost, 504 when the agent did not answer in time
     */
    ExecResult exec(Principal caller, String reservationId, ExecRequest request);

    /**
     * {@link #exec} without holding the caller's thread while the worker gets ready and runs the command: the stage
     * completes with the result, or fails with the {@link org.sharercloud.api.ApiException} {@link #exec} would throw
     * (400 at once, before anything is sent).
     */
    java.util.concurrent.CompletionStage<ExecResult> execAsync(Principal caller, String reservationId, ExecRequest request);

    /** Releases the worker (the agent removes the sandbox). 409 when already released. */
    Reservation release(Principal caller, String reservationId);
}
