package org.sharercloud.api.workloads;

/**
 * What one requestor uses of its quotas ({@code GET /api/v1/usage}). A limit is {@code null} when it does not apply
 * (admins, or a quota switched off with 0).
 *
 * @param owner              the requestor (a token's name)
 * @param storedBytes        logs and output archives kept for its workloads: {@code logBytes + outputBytes}
 * @param logBytes           bytes of log kept
 * @param outputBytes        bytes of output archives kept
 * @param storageLimitBytes  {@code storage.max.bytes.per.owner}: at or above it a submit is refused (429)
 * @param activeWorkloads    unfinished workloads (PENDING, SCHEDULED, RUNNING)
 * @param activeLimit        {@code max.active.per.owner}
 * @param reservations       reserved workers held (requested or ready)
 * @param reservationLimit   {@code max.reservations.per.owner}
 */
public record Usage(String owner, long storedBytes, long logBytes, long outputBytes, Long storageLimitBytes, long activeWorkloads,
        Integer activeLimit, int reservations, Integer reservationLimit) {
}
