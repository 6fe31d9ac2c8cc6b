package org.sharercloud.api.agent;

/** Kill this attempt's container (cancelled, preempted or lost) and report its end. */
public record StopAttempt(String attemptId, long fencingToken, String reason) {
}
