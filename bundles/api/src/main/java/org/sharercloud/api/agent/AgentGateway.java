package org.sharercloud.api.agent;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The coordinator side of the agent protocol (docs/agent-protocol.md). Every call is made on behalf
 * of one authenticated member and touches only that member's attempts and reservations.
 */
@ProviderType
public interface AgentGateway {
    /** Longest long-poll a caller may ask for, in seconds. */
    int MAX_WAIT_SECONDS = 60;

    /**
     * Long-poll: completes as soon as the member has something to do (attempts to start or stop,
     * workers to reserve or release, commands to execute), else after {@code waitSeconds} (capped at
     * {@link #MAX_WAIT_SECONDS}) with nothing. An item is handed out once and again only when it is
     * still unacknowledged after the redelivery interval, or when {@code resync} is true.
     *
     * @param resync the agent (re)started and holds no attempt or sandbox: every outstanding item is
     *               handed out again, and its RUNNING attempts and READY reservations are LOST
     */
    CompletionStage<Assignments> awaitAssignments(String memberId, int waitSeconds, boolean resync);

    /**
     * Reconciles what the coordinator has placed on this member with what its agent reports to hold, after the
     * agent lost contact (the coordinator may have restarted): RUNNING attempts the agent does not hold are LOST
     * and retried (the member stays eligible), SCHEDULED ones it does not hold are handed out again by the next
     * long-poll (as is every outstanding item), and held attempts that are not live there are returned to drop.
     */
    ResyncResult resync(String memberId, AgentHolding holding);

    /**
     * An event about one attempt of this member.
     *
     * @throws org.sharercloud.api.ApiException 404 when the attempt is not this member's, 409 when the
     *                                          fencing token is stale or the attempt is already final
     *                                          (nothing changes), 400 for a malformed event, 413 for
     *                                          outputs above the cap
     */
    EventAck reportAttempt(String memberId, String attemptId, AttemptEvent event);

    /**
     * An event about one reserved worker of this member (ready, failed, released, a command's result).
     *
     * @throws org.sharercloud.api.ApiException 404 when the reservation is not this member's, 409 when it
     *                                          no longer expects that event, 400 for a malformed event
     */
    void reportReservation(String memberId, String reservationId, ReservationEvent event);
}
