package org.sharercloud.members.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;

/**
 * The live state of one member, kept in memory. Mutable and guarded by its own monitor: callers
 * synchronize on the record around reads and writes of several fields.
 */
final class MemberRecord {
    final String id;
    final String machineId;
    final long joinedAt;
    String name;
    byte[] credentialHash;
    HostInfo host;
    SharingPolicy policy;
    HostMetrics metrics;
    MemberState state;
    boolean cordoned;
    /**
     * When it was last heard from: the database clock's stamp of its last stored heartbeat, or this coordinator's clock
     * for a heartbeat received here and not yet stamped (at most one flush). Liveness reads only the stored stamp.
     */
    long lastSeen;
    /** The database clock of the row's last change as last read from the store (0: not read since this record was made). */
    volatile long changedAt;
    long placedCpuMillis;
    long placedMemoryMb;

    MemberRecord(String id, String machineId, long joinedAt) {
        this.id = id;
        this.machineId = machineId;
        this.joinedAt = joinedAt;
    }

    /** The parsed sharing hours of {@link #policy} (checked on every heartbeat), and the text they were parsed from. */
    private SharingWindow window;
    private String windowSpec;
    /** The owner's activity with hysteresis, fed by heartbeats. */
    private OwnerActivity owner = new OwnerActivity(false);
    /** What paused sharing at the last {@link #pause} (for the reason of the resume). */
    private boolean pausedByOwner;
    private boolean pausedByHours;

    /** Whether sharing is paused, and why (paused) or what ended the pause (not paused; empty when nothing did). */
    record Pause(boolean paused, String why) {
    }

    /** Feeds the owner load of a heartbeat's metrics, taken at {@code now}, to the hysteresis. */
    synchronized void ownerSample(HostMetrics m, long now) {
        if (m != null) {
            owner.update(m.ownerLoad(), policy, now);
        }
    }

    /** A member loaded from the store DRAINING with its owner over the threshold starts with its owner active. */
    synchronized void restoreOwnerActivity() {
        owner = new OwnerActivity(state == MemberState.DRAINING && policy != null && policy.pauseWhenOwnerActive() && metrics != null
                && metrics.ownerLoad() > policy.ownerActiveThreshold());
    }

    /** Whether the owner's policy pauses sharing now: the owner is active (with hysteresis), or it is outside the sharing hours. */
    synchronized Pause pause(Instant now, ZoneId zone) {
        if (policy != null && (window == null || !Objects.equals(windowSpec, policy.sharingHours()))) {
            window = SharingWindow.parse(policy.sharingHours());
            windowSpec = policy.sharingHours();
        }
        boolean byOwner = policy != null && policy.pauseWhenOwnerActive() && owner.active();
        ZonedDateTime local = now.atZone(SharingWindow.zone(host, zone));
        boolean byHours = policy != null && !window.allows(local.getHour());
        String hours = policy == null || !byHours && !pausedByHours ? "" // formatted only when it is said (heartbeats are hot)
                : String.format(Locale.ROOT, "the sharing hours %s (%02d:%02d %s)", policy.sharingHours(), local.getHour(), local.getMinute(),
                        local.getZone());
        StringBuilder why = new StringBuilder();
        if (byOwner || byHours) {
            append(why, byOwner ? owner.why() : "");
            append(why, byHours ? "outside " + hours : "");
        } else {
            append(why, pausedByOwner ? (policy != null && policy.pauseWhenOwnerActive() ? owner.why() : "pausing for a busy owner turned off") : "");
            append(why, pausedByHours ? "inside " + hours : "");
        }
        pausedByOwner = byOwner;
        pausedByHours = byHours;
        return new Pause(byOwner || byHours, why.toString());
    }

    private static void append(StringBuilder sb, String part) {
        if (!part.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(part);
        }
    }

    synchronized Capacity capacity() {
        return CapacityModel.offered(host, policy, metrics, placedCpuMillis, placedMemoryMb, state == MemberState.ONLINE && !cordoned);
    }

    synchronized Member view() {
        return new Member(id, name, state, cordoned, host, policy, metrics, capacity(), Instant.ofEpochMilli(lastSeen),
                Instant.ofEpochMilli(joinedAt));
    }

    synchronized MemberState state() {
        return state;
    }

    synchronized byte[] credentialHash() {
        return credentialHash;
    }
}
