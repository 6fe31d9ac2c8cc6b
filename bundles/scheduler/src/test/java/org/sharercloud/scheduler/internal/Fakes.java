package org.sharercloud.scheduler.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.api.scheduler.SchedulingQueue;

/** Faked collaborators for scheduler tests. */
public final class Fakes {
    private Fakes() {
    }

    public static Member member(String id, MemberState state, long cpuFree, long memFree) {
        return member(id, state, false, cpuFree, memFree, Map.of(), SharingPolicy.unrestricted(memFree), 0.0);
    }

    public static Member member(String id, MemberState state, boolean cordoned, long cpuFree, long memFree,
            Map<String, String> labels, SharingPolicy policy, double ownerLoad) {
        HostInfo host = new HostInfo(id, id, "linux", "amd64", 8, 16384, 1000, true, labels);
        return new Member(id, id, state, cordoned, host, policy, new HostMetrics(ownerLoad, ownerLoad, 0, 16384, 1000, 1),
                new Capacity(8000, cpuFree, 16384, memFree), Instant.EPOCH, Instant.EPOCH);
    }

    public static Demand demand(String id, int cpu, int mem, int priority, long submittedSecond) {
        return new Demand(id, 0, cpu, mem, priority, 600, Map.of(), Instant.ofEpochSecond(submittedSecond));
    }

    /** A workloads module in memory: records binds and preemptions, requeues preempted demands. */
    public static final class Queue implements SchedulingQueue {
        public final List<Demand> pending = new CopyOnWriteArrayList<>();
        public final List<RunningAttempt> running = new CopyOnWriteArrayList<>();
        public final List<String> binds = new CopyOnWriteArrayList<>();
        public final List<String> reasons = new CopyOnWriteArrayList<>();
        public final List<String> preempted = new CopyOnWriteArrayList<>();
        private int next;

        @Override
        public List<Demand> pending() {
            List<Demand> out = new ArrayList<>(pending);
            out.sort(Comparator.comparingInt(Demand::priority).reversed().thenComparing(Demand::submittedAt));
            return out;
        }

        @Override
        public synchronized String bind(Demand demand, String memberId, String reason) {
            // as the workloads module: by replica, refusing a member the demand (as passed) excludes
            if (demand.excludedMembers().contains(memberId)) {
                throw ApiException.conflict("excluded");
            }
            if (!pending.removeIf(p -> p.key().equals(demand.key()))) {
                throw ApiException.conflict("not pending");
            }
            String id = "att-" + (next++);
            binds.add(demand.workloadId() + "@" + memberId);
            reasons.add(reason);
            running.add(new RunningAttempt(id, demand.workloadId(), memberId, demand.cpuMillis(), demand.memoryMb(),
                    demand.priority(), Instant.ofEpochSecond(next)));
            return id;
        }

        @Override
        public List<RunningAttempt> running() {
            return new ArrayList<>(running);
        }

        @Override
        public void preempt(String attemptId, String reason) {
            RunningAttempt a = running.stream().filter(r -> r.attemptId().equals(attemptId)).findFirst()
                    .orElseThrow(() -> ApiException.conflict("final"));
            running.remove(a);
            preempted.add(a.workloadId());
            pending.add(new Demand(a.workloadId(), 0, a.cpuMillis(), a.memoryMb(), a.priority(), 600, Map.of(),
                    Instant.EPOCH));
        }
    }
}
