package org.sharercloud.portal.internal.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.SchedulerStatus;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.AllocationTracker;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The operator's cluster time series: every {@link #STEP_SECONDS} s one sample of capacity, allocation,
 * machine load, queue length and placements per second, kept in memory for the last hour (a ring of
 * {@link #SIZE} samples; it starts empty after a restart). Modules that are down give zeros.
 */
@Component(service = ClusterSeries.class, immediate = true)
public class ClusterSeries {
    public static final int STEP_SECONDS = 5;
    public static final int SIZE = 720;

    /**
     * One sample.
     *
     * @param cpuTotalMillis     CPU offered by live members (ONLINE or DRAINING): min(policy, hardware)
     * @param cpuAllocatedMillis CPU requested by what is placed on them
     * @param cpuUsedMillis      their machines' CPU load (the owners' and ours), in millicores
     * @param memoryTotalMb      memory offered by live members
     * @param memoryAllocatedMb  memory requested by what is placed on them
     * @param queue              replicas waiting to be placed
     * @param placementsPerSecond placements per second over the step
     */
    @Schema(name = "ClusterSample", description = "the cluster at one instant")
    public record Sample(Instant at, int online, int members, long cpuTotalMillis, long cpuAllocatedMillis, long cpuUsedMillis,
            long memoryTotalMb, long memoryAllocatedMb, int queue, double placementsPerSecond) {
    }

    private final Services services;
    private final Sample[] ring = new Sample[SIZE];
    private int next;
    private int size;
    private long lastPlaced = -1;
    private long lastAt;
    private ScheduledExecutorService timer;

    @Activate
    public ClusterSeries(@Reference Services services) {
        this.services = services;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sharer-portal-cluster-series");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::record, 1, STEP_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    void record() {
        try {
            add(sample(System.currentTimeMillis()));
        } catch (RuntimeException e) {
            // a module going away mid-sample: the next sample will do
        }
    }

    Sample sample(long now) {
        List<Member> members = services.membersIfRunning().map(m -> m.list()).orElse(List.of());
        Map<String, Allocation> placed = services.allocationsIfRunning().map(AllocationTracker::byMember).orElse(Map.of());
        int online = 0;
        long cpuTotal = 0;
        long cpuUsed = 0;
        long memTotal = 0;
        for (Member m : members) {
            if (m.state() != MemberState.ONLINE && m.state() != MemberState.DRAINING) {
                continue;
            }
            online += m.state() == MemberState.ONLINE ? 1 : 0;
            if (m.capacity() != null) {
                cpuTotal += m.capacity().cpuMillisTotal();
                memTotal += m.capacity().memoryMbTotal();
            }
            if (m.metrics() != null && m.host() != null) {
                cpuUsed += Math.round(m.metrics().cpuLoad() * m.host().cores() * 1000);
            }
        }
        long cpuAlloc = 0;
        long memAlloc = 0;
        for (Allocation a : placed.values()) {
            cpuAlloc += a.cpuMillis();
            memAlloc += a.memoryMb();
        }
        int queue = services.queueIfRunning().map(q -> q.pending().size()).orElse(0);
        double rate = 0;
        SchedulerStatus st = services.schedulerIfRunning().map(s -> s.status()).orElse(null);
        if (st != null) {
            if (lastPlaced >= 0 && st.placed() >= lastPlaced && now > lastAt) {
                rate = (st.placed() - lastPlaced) * 1000.0 / (now - lastAt);
            }
            lastPlaced = st.placed();
            lastAt = now;
        }
        return new Sample(Instant.ofEpochMilli(now), online, members.size(), cpuTotal, cpuAlloc, cpuUsed, memTotal, memAlloc, queue,
                Math.round(rate * 100) / 100.0);
    }

    synchronized void add(Sample s) {
        ring[next] = s;
        next = (next + 1) % SIZE;
        size = Math.min(SIZE, size + 1);
    }

    /** The samples at or after {@code since}, oldest first. */
    public synchronized List<Sample> since(Instant since) {
        List<Sample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Sample s = ring[(next - size + i + SIZE) % SIZE];
            if (since == null || !s.at().isBefore(since)) {
                out.add(s);
            }
        }
        return out;
    }
}
