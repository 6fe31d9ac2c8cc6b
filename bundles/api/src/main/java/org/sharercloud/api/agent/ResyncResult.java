package org.sharercloud.api.agent;

import java.util.List;

/**
 * The coordinator's answer to a resync ({@link AgentGateway#resync}).
 *
 * @param lost        attempts the coordinator had as running there that the agent no longer holds: now LOST and retried
 * @param redelivered attempts still waiting to start there: handed out again by the next long-poll
 * @param drop        attempts the agent holds that are not live there any more (final, or never this member's): kill
 *                    them and drop their reports, as after a 409
 */
public record ResyncResult(int lost, int redelivered, List<String> drop) {
}
