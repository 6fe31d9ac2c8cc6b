package org.sharercloud.api.workloads;

/** Kill this attempt's container (cancelled, preempted or lost) and report its end. */
public record StopAttempt(String attemptId, long fencingToken, String reason) {
}
