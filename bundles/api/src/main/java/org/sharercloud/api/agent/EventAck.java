package org.sharercloud.api.agent;

import org.sharercloud.api.workloads.AttemptState;

/**
 * The coordinator's answer to an accepted attempt event.
 *
 * @param attemptId    the attempt
 * @param attemptState its state after the event
 */
public record EventAck(String attemptId, AttemptState attemptState) {
}
