package org.sharercloud.api.members;

import java.time.Instant;
import java.util.Map;

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
 * @param runtimes  which workload runtimes work there now ({@code host.runtimes}, repeated at the top for readers
 *                  of the member JSON); never null
 */
public record Member(String id, String name, MemberState state, boolean cordoned, HostInfo host,
        SharingPolicy policy, HostMetrics metrics, Capacity capacity, Instant lastSeen, Instant joinedAt,
        Map<String, RuntimeStatus> runtimes) {

    public Member {
        if (runtimes == null) {
            runtimes = host == null ? Map.of() : host.runtimes();
        }
    }

    /** A member whose runtimes are its host's. */
    public Member(String id, String name, MemberState state, boolean cordoned, HostInfo host, SharingPolicy policy,
            HostMetrics metrics, Capacity capacity, Instant lastSeen, Instant joinedAt) {
        this(id, name, state, cordoned, host, policy, metrics, capacity, lastSeen, joinedAt, null);
    }
}
