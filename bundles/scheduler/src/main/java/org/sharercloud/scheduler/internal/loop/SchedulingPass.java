package org.sharercloud.scheduler.internal.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.api.scheduler.SchedulingQueue;

/**
 * One pass of the loop: pending demands in the queue's order (priority, then age), each placed on
 * the best feasible member by the strategy, or, when nothing fits and preemption is on, on a member
 * where lower-priority work is evicted. A replica whose every possible member is excluded after earlier
 * failures gets its exclusions lifted after a back-off ({@link ExclusionBackoff}); the result says when
 * the next such back-off ends, so that the caller can trigger a pass then. Plain class, no OSGi: the
 * component and the simulator share it.
 */
public final class SchedulingPass {
    private final boolean preemption;
    private final Duration exclusionBackoff;
    private final Clock clock;
    private final Placer placer = new Placer();

    public SchedulingPass(boolean preemption) {
        this(preemption, ExclusionBackoff.DEFAULT, Clock.systemUTC());
    }

    /**
     * @param exclusionBackoff how long a replica whose every possible member is excluded waits before they may take it again
     * @param clock            for that back-off
     */
    public SchedulingPass(boolean preemption, Duration exclusionBackoff, Clock clock) {
        this.preemption = preemption;
        this.exclusionBackoff = exclusionBackoff;
        this.clock = clock;
    }

    public PassResult run(List<Member> members, SchedulingQueue queue, PlacementStrategy strategy, int localHour) {
        List<Demand> pending = queue.pending();
        if (pending.isEmpty()) {
            return PassResult.IDLE;
        }
        CandidatePool pool = CandidatePool.of(members, localHour);
        ExclusionBackoff exclusions = new ExclusionBackoff(members, exclusionBackoff);
        Instant now = clock.instant();
        Instant wakeAt = null;
        Map<String, List<RunningAttempt>> running = null;
        int lowestRunning = Integer.MAX_VALUE;
        int placed = 0;
        int preempted = 0;
        FailedShapes failed = new FailedShapes();
        for (Demand pendingDemand : pending) {
            Demand d = pendingDemand;
            if (failed.dominates(d)) {
                continue; // no candidate had room for something no larger in this pass, and room only shrinks
            }
            int i = placer.best(d, pool, strategy);
            String lifted = null;
            if (i < 0 && !d.excludedMembers().isEmpty()) {
                Instant at = exclusions.liftAt(d);
                if (at != null && !at.isAfter(now)) {
                    d = d.withoutExclusions();
                    i = placer.best(d, pool, strategy);
                    lifted = "retry on a member it failed on before (every member that could run it was excluded, "
                            + exclusionBackoff.toSeconds() + " s back-off over); ";
                } else if (at != null) {
                    wakeAt = wakeAt == null || at.isBefore(wakeAt) ? at : wakeAt;
                }
            }
            if (i >= 0) {
                String reason = placer.reason(strategy.name(), d, pool, i);
                if (bind(queue, d, pool, i, lifted == null ? reason : lifted + reason)) {
                    placed++;
                }
                continue;
            }
            if (placer.feasible() == 0
                    && (pool.labelCheck(d) == null && d.excludedMembers().isEmpty() || !pool.hasRoomFor(d.cpuMillis(), d.memoryMb()))) {
                failed.add(d.cpuMillis(), d.memoryMb()); // no room at all, not just none among the members it may use
            }
            if (!preemption || placer.feasible() > 0) {
                continue;
            }
            if (running == null) {
                List<RunningAttempt> all = queue.running();
                running = byMember(all);
                for (RunningAttempt a : all) {
                    lowestRunning = Math.min(lowestRunning, a.priority());
                }
            }
            if (d.priority() <= lowestRunning) {
                continue;
            }
            Preemptor.Plan plan = Preemptor.plan(d, pool, running);
            if (plan != null) {
                preempted += evict(queue, d, pool, plan, running);
                failed.clear();
                String reason = String.format("preemption: evicted %d lower-priority attempt(s) on %s for priority %d",
                        plan.victims().size(), pool.id(plan.index()), d.priority());
                if (bind(queue, d, pool, plan.index(), reason)) {
                    placed++;
                }
            }
        }
        return new PassResult(pending.size(), placed, preempted, pending.size() - placed, wakeAt);
    }

    private static boolean bind(SchedulingQueue queue, Demand d, CandidatePool pool, int i, String reason) {
        try {
            queue.bind(d, pool.id(i), reason);
        } catch (ApiException e) {
            return false; // cancelled or changed meanwhile: the next pass sees the new state
        }
        pool.allocate(i, d.cpuMillis(), d.memoryMb());
        return true;
    }

    private static int evict(SchedulingQueue queue, Demand d, CandidatePool pool, Preemptor.Plan plan,
            Map<String, List<RunningAttempt>> running) {
        int n = 0;
        for (RunningAttempt a : plan.victims()) {
            try {
                queue.preempt(a.attemptId(), "preempted by " + d.workloadId() + " (priority " + d.priority()
                        + " > " + a.priority() + ")");
                n++;
            } catch (ApiException e) {
                // already finished: its resources are free anyway
            }
            pool.allocate(plan.index(), -a.cpuMillis(), -a.memoryMb());
            running.get(a.memberId()).remove(a);
        }
        return n;
    }

    static Map<String, List<RunningAttempt>> byMember(List<RunningAttempt> attempts) {
        Map<String, List<RunningAttempt>> map = new HashMap<>();
        for (RunningAttempt a : attempts) {
            map.computeIfAbsent(a.memberId(), k -> new ArrayList<>()).add(a);
        }
        return map;
    }
}
