package org.sharercloud.workloads.internal.engine;

import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.agent.StopAttempt;

/**
 * Names one item of a member's outbox: what it asks the agent to do and to which attempt, reservation
 * or command. An item put under the key of one still waiting replaces it; an acknowledgement removes
 * it by key.
 *
 * @param kind what the agent is told
 * @param id   the attempt id (START, STOP), reservation id (RESERVE, RELEASE) or exec id (EXEC)
 */
public record ItemKey(Kind kind, String id) {
    /** The kinds of outbox items, one per agent message. */
    public enum Kind {
        START, STOP, RESERVE, RELEASE, EXEC
    }

    public static ItemKey start(String attemptId) {
        return new ItemKey(Kind.START, attemptId);
    }

    public static ItemKey stop(String attemptId) {
        return new ItemKey(Kind.STOP, attemptId);
    }

    public static ItemKey reserve(String reservationId) {
        return new ItemKey(Kind.RESERVE, reservationId);
    }

    public static ItemKey release(String reservationId) {
        return new ItemKey(Kind.RELEASE, reservationId);
    }

    public static ItemKey exec(String execId) {
        return new ItemKey(Kind.EXEC, execId);
    }

    /** The key of an agent message; {@link IllegalArgumentException} for anything that is not an outbox item. */
    public static ItemKey of(Object item) {
        if (item instanceof StartAttempt s) {
            return start(s.attemptId());
        } else if (item instanceof StopAttempt s) {
            return stop(s.attemptId());
        } else if (item instanceof ReserveWorker r) {
            return reserve(r.reservationId());
        } else if (item instanceof ReleaseWorker r) {
            return release(r.reservationId());
        } else if (item instanceof ExecCommand e) {
            return exec(e.execId());
        }
        throw new IllegalArgumentException("not an outbox item: " + item);
    }
}
