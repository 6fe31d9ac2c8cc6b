package org.sharercloud.workloads.internal.engine;

import org.sharercloud.api.workloads.AttemptState;

/**
 * How an attempt ended, as {@link Lifecycle#finish} records it.
 *
 * @param state          the final state
 * @param exitCode       the process exit code, when the agent reported one
 * @param reason         why, for people
 * @param outputsSha256  the SHA-256 of the outputs the agent returned, or null
 * @param stopAgent      the agent may still be running it and must be told to stop (redelivered until it confirms)
 * @param excludeMember  a retry of the replica must go to another member than this one
 */
public record Outcome(AttemptState state, Integer exitCode, String reason, String outputsSha256, boolean stopAgent,
        boolean excludeMember) {

    /** Ended by the coordinator (cancel, preemption, scale-down): the agent is told to stop; the member stays eligible. */
    public static Outcome stopped(AttemptState state, String reason) {
        return new Outcome(state, null, reason, null, true, false);
    }

    /** As the agent reported it (it has stopped already); a FAILED attempt is retried on another member. */
    public static Outcome reported(AttemptState state, Integer exitCode, String reason, String outputsSha256) {
        return new Outcome(state, exitCode, reason, outputsSha256, false, state == AttemptState.FAILED);
    }

    /** Past its coordinator-side deadline with no result: LOST, its member told to stop it, the retry elsewhere. */
    public static Outcome overdue(String reason) {
        return new Outcome(AttemptState.LOST, null, reason, null, true, true);
    }

    /**
     * LOST with its member. A member that went away is told to stop should it come back, and the retry
     * avoids it; an agent that restarted holds nothing any more, and may run the retry.
     */
    public static Outcome lost(String reason, MemberLoss loss) {
        boolean gone = loss == MemberLoss.WENT_OFFLINE;
        return new Outcome(AttemptState.LOST, null, reason, null, gone, gone);
    }
}
