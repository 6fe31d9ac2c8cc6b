package org.sharercloud.simulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;

/**
 * A simulated contributor: availability from a host timeline, owner load from a VM trace, and the
 * attempts placed on it. Free capacity is computed like the members module does: cpu x (1 - owner load)
 * minus what is placed.
 */
final class SimMember {
    final String id;
    final HostTimeline timeline;
    final LoadTrace load;
    final long cpuTotal;
    final long memTotal;
    final List<SimQueue.Attempt> running = new ArrayList<>();
    long cpuAllocated;
    long memAllocated;
    private final HostInfo host;
    private final SharingPolicy policy;

    SimMember(String id, HostTimeline timeline, LoadTrace load, long cpuTotal, long memTotal) {
        this.id = id;
        this.timeline = timeline;
        this.load = load;
        this.cpuTotal = cpuTotal;
        this.memTotal = memTotal;
        this.host = new HostInfo(id, id, "linux", "amd64", (int) (cpuTotal / 1000), memTotal, 100_000, true, Map.of());
        this.policy = SharingPolicy.unrestricted(memTotal);
    }

    /** CPU the owner leaves to us now. */
    long cpuOffered(long t) {
        return Math.round(cpuTotal * (1 - load.loadAt(t)));
    }

    /** Share of its allocation the work gets now: below 1 when the owner's load grew after placement. */
    double speed(long t) {
        return cpuAllocated == 0 ? 1 : Math.min(1.0, (double) cpuOffered(t) / cpuAllocated);
    }

    Member toMember(long t) {
        boolean up = timeline.up(t);
        double ownerLoad = load.loadAt(t);
        Capacity c = new Capacity(cpuTotal, Math.max(0, cpuOffered(t) - cpuAllocated), memTotal,
                Math.max(0, memTotal - memAllocated));
        HostMetrics m = new HostMetrics(ownerLoad, ownerLoad, memAllocated, memTotal, 100_000, t);
        return new Member(id, id, up ? MemberState.ONLINE : MemberState.OFFLINE, false, host, policy, m, c,
                Instant.ofEpochSecond(t), Instant.EPOCH);
    }
}
