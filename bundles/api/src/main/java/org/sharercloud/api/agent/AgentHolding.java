package org.sharercloud.api.agent;

import java.util.List;

/**
 * What an agent holds, sent with {@code POST /api/v1/agent/resync} after it lost contact with the coordinator
 * (which may have restarted meanwhile): every attempt it runs, waits to run, or still has a RESULT for that the
 * coordinator has not acknowledged.
 *
 * @param attempts the attempt ids (at most {@link #MAX_ATTEMPTS})
 */
public record AgentHolding(List<String> attempts) {
    /** The most attempt ids one resync may carry. */
    public static final int MAX_ATTEMPTS = 10_000;
}
