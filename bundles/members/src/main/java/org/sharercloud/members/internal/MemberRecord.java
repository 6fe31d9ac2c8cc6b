package org.sharercloud.members.internal;

import java.time.Instant;
import java.time.ZoneId;
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
    long lastSeen;
    long placedCpuMillis;
    long placedMemoryMb;
    /** What the store holds: last-seen time and state as of the last write. */
    long storedLastSeen;
    MemberState storedState;

    MemberRecord(String id, String machineId, long joinedAt) {
        this.id = id;
        this.machineId = machineId;
        this.joinedAt = joinedAt;
    }

    /** The parsed sharing hours of {@link #policy} (checked on every heartbeat), and the text they were parsed from. */
    private SharingWindow window;
    private String windowSpec;

    synchronized boolean paused(Instant now, ZoneId zone) {
        if (policy != null && (window == null || !Objects.equals(windowSpec, policy.sharingHours()))) {
            window = SharingWindow.parse(policy.sharingHours());
            windowSpec = policy.sharingHours();
        }
        return SharingWindow.paused(policy, metrics, host, now, zone, window);
    }

    synchronized Capacity capacity() {
        return CapacityModel.offered(host, policy, metrics, placedCpuMillis, placedMemoryMb, state == MemberState.ONLINE && !cordoned);
    }

    synchronized Member view() {
        return new Member(id, name, state, cordoned, host, policy, metrics, capacity(), Instant.ofEpochMilli(lastSeen),
                Instant.ofEpochMilli(joinedAt));
    }

    /** Whether the store is out of date enough to be written now. */
    synchronized boolean due(long persistMillis) {
        return state != storedState || lastSeen - storedLastSeen >= persistMillis;
    }

    synchronized void stored() {
        storedLastSeen = lastSeen;
        storedState = state;
    }

    synchronized MemberState state() {
        return state;
    }

    synchronized byte[] credentialHash() {
        return credentialHash;
    }
}
