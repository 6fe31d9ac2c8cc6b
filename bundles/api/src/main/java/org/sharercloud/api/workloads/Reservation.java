package org.sharercloud.api.workloads;

import java.time.Instant;

/** A reserved worker on one member. */
public record Reservation(String id, String owner, String memberId, String image, int cpuMillis, int memoryMb,
        ReservationState state, String reason, Instant createdAt, Instant updatedAt) {
}
