package org.sharercloud.api.workloads;

/** Release a reserved worker's sandbox, then report RELEASED. */
public record ReleaseWorker(String reservationId) {
}
