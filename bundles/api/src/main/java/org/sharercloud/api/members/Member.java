package org.sharercloud.api.members;

import java.time.Instant;

/**
 * A contributor machine in the cluster.
 *
 * @param id        member id
 * @param name      display name (the host name unless the owner chose one)
 * @param state     liveness
 * @param cordoned  an admin stopped new placements here
 * @param host      hardware and labels
 * @param policy    the owner's sharing policy
 * @param metrics   the last metrics received, or {@code null}
 * @param capacity  what it offers now
 * @param lastSeen  last heartbeat
 * @param joinedAt  first join
 */
public record Member(String id, String name, MemberState state, boolean cordoned, HostInfo host,
        SharingPolicy policy, HostMetrics metrics, Capacity capacity, Instant lastSeen, Instant joinedAt) {
}
