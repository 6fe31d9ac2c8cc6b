package org.sharercloud.api.workloads;

/**
 * The coordinator's answer to an accepted attempt event.
 *
 * @param attemptId    the attempt
 * @param attemptState its state after the event
 */
public record EventAck(String attemptId, AttemptState attemptState) {
}
