package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.ReservationRepo;

/**
 * What is placed on each member (active attempts and reserved workers), counted from the store: a
 * cache that a {@link #recount} of a member makes true again at any time.
 */
public final class Allocations {
    private final AttemptRepo attempts;
    private final ReservationRepo reservations;
    private final Map<String, Allocation> byMember = new ConcurrentHashMap<>();

    public Allocations(AttemptRepo attempts, ReservationRepo reservations) {
        this.attempts = attempts;
        this.reservations = reservations;
    }

    /** Counts a member's allocation again (inside the caller's transaction); tells the notifier when it changed. */
    void recount(Connection c, String memberId, Notifier n) throws SQLException {
        long[] a = attempts.allocated(c, memberId);
        long[] r = reservations.allocated(c, memberId);
        Allocation now = new Allocation(a[0] + r[0], a[1] + r[1], (int) a[2], (int) r[2]);
        Allocation before = now.attempts() + now.reservations() == 0 ? byMember.remove(memberId) : byMember.put(memberId, now);
        if (!now.equals(before == null ? Allocation.NONE : before)) {
            n.allocation(memberId, now);
        }
    }

    /** Allocations per member right now (members with nothing placed are absent). */
    public Map<String, Allocation> byMember() {
        return Map.copyOf(byMember);
    }
}
