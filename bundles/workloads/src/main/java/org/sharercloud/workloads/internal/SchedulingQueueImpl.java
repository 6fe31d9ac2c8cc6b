package org.sharercloud.workloads.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.api.scheduler.SchedulingQueue;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.RetryExclusions;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;

/** What the scheduler places: pending replicas as demands, binding, running attempts, preemption. */
@Component(service = {SchedulingQueue.class, RetryExclusions.class})
public class SchedulingQueueImpl implements SchedulingQueue, RetryExclusions {
    private static final Comparator<Demand> ORDER = Comparator.comparingInt(Demand::priority).reversed()
            .thenComparing(Demand::submittedAt).thenComparing(Demand::key);
    private final WorkloadsCore core;

    @Activate
    public SchedulingQueueImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public List<Demand> pending() {
        return core.read(c -> {
            Map<String, Workload> cache = new HashMap<>();
            List<Demand> out = new ArrayList<>();
            long now = core.clock().millis();
            for (Replica r : core.repos().workloads().pendingReplicas(c)) {
                if (r.pendingSince() > now) {
                    continue; // a crash-looping service replica backing off
                }
                Workload w = cache.get(r.workloadId());
                if (w == null) {
                    w = core.repos().workloads().get(c, r.workloadId());
                    cache.put(r.workloadId(), w);
                }
                if (w == null || w.state().isFinal()) {
                    continue;
                }
                out.add(new Demand(w.id(), r.replica(), w.spec().cpuMillis(), w.spec().memoryMb(), w.spec().priority(),
                        w.spec().timeoutSeconds(), w.spec().constraints(), Instant.ofEpochMilli(r.pendingSince()),
                        core.repos().workloads().excluded(c, r.workloadId(), r.replica()), w.spec().runtime()));
            }
            out.sort(ORDER);
            return out;
        });
    }

    @Override
    public String bind(Demand demand, String memberId, String reason) {
        if (memberId == null || memberId.isBlank()) {
            throw ApiException.badRequest("memberId", "a member id is required");
        }
        return core.mutate((c, ch) -> core.lifecycle().bind(c, ch, demand, memberId, reason));
    }

    @Override
    public List<RunningAttempt> running() {
        return core.read(c -> {
            Map<String, Workload> cache = new HashMap<>();
            List<RunningAttempt> out = new ArrayList<>();
            for (AttemptRepo.Row row : core.repos().attempts().active(c, null)) {
                Attempt a = row.attempt();
                Workload w = cache.get(a.workloadId());
                if (w == null) {
                    w = core.repos().workloads().get(c, a.workloadId());
                    cache.put(a.workloadId(), w);
                }
                out.add(new RunningAttempt(a.id(), a.workloadId(), a.memberId(), w.spec().cpuMillis(), w.spec().memoryMb(),
                        w.spec().priority(), a.scheduledAt()));
            }
            return out;
        });
    }

    @Override
    public void preempt(String attemptId, String reason) {
        core.mutate((c, ch) -> {
            core.lifecycle().preempt(c, ch, attemptId, reason);
            return null;
        });
    }

    @Override
    public Set<String> excludedMembers(String workloadId, int replica) {
        return core.read(c -> core.repos().workloads().excluded(c, workloadId, replica));
    }
}
