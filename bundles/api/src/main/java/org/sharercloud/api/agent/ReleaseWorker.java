package org.sharercloud.api.agent;

/** Release a reserved worker's sandbox, then report RELEASED. */
public record ReleaseWorker(String reservationId) {
}
