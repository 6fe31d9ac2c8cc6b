package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.scheduler.internal.Fakes.demand;
import static org.sharercloud.scheduler.internal.Fakes.member;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.scheduler.internal.Fakes;
import org.sharercloud.scheduler.internal.strategy.BinpackStrategy;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

public class SchedulingPassTest {
    private final Fakes.Queue queue = new Fakes.Queue();

    @Test
    public void filtersInfeasibleMembersAndBindsFirstFeasible() {
        queue.pending.add(demand("w1", 1000, 512, 0, 1));
        List<org.sharercloud.api.members.Member> members = List.of(
                member("offline", MemberState.OFFLINE, 8000, 8000),
                member("draining", MemberState.DRAINING, 8000, 8000),
                member("cordoned", MemberState.ONLINE, true, 8000, 8000, Map.of(), null, 0),
                member("night-only", MemberState.ONLINE, false, 8000, 8000, Map.of(),
                        new SharingPolicy(1, 8000, "22-7", false, 1), 0),
                member("busy-owner", MemberState.ONLINE, false, 8000, 8000, Map.of(),
                        new SharingPolicy(1, 8000, "0-24", true, 0.5), 0.9),
                member("small", MemberState.ONLINE, 500, 8000),
                member("ok", MemberState.ONLINE, 2000, 8000));
        PassResult r = new SchedulingPass(true).run(members, queue, new FirstFitStrategy(), 12);
        assertEquals(1, r.placed());
        assertEquals(List.of("w1@ok"), queue.binds);
        assertTrue(queue.reasons.get(0), queue.reasons.get(0).contains("first-fit: first feasible member (2 of 7 members eligible)"));
    }

    @Test
    public void higherPriorityThenOlderGoFirstAndCapacityIsBookedWithinThePass() {
        queue.pending.add(demand("old-low", 3000, 100, 0, 1));
        queue.pending.add(demand("new-high", 3000, 100, 5, 9));
        queue.pending.add(demand("new-low", 3000, 100, 0, 5));
        PassResult r = new SchedulingPass(false).run(List.of(member("a", MemberState.ONLINE, 6000, 8000)), queue,
                new FirstFitStrategy(), 0);
        assertEquals(List.of("new-high@a", "old-low@a"), queue.binds);
        assertEquals(1, r.unplaced());
    }

    @Test
    public void constraintsMustMatchLabels() {
        queue.pending.add(new Demand("gpu-job", 0, 100, 100, 0, 60, Map.of("gpu", "yes"), Instant.EPOCH));
        new SchedulingPass(false).run(List.of(
                member("plain", MemberState.ONLINE, 8000, 8000),
                member("wrong", MemberState.ONLINE, false, 8000, 8000, Map.of("gpu", "no"), null, 0),
                member("gpu", MemberState.ONLINE, false, 8000, 8000, Map.of("gpu", "yes"), null, 0)),
                queue, new FirstFitStrategy(), 0);
        assertEquals(List.of("gpu-job@gpu"), queue.binds);
    }

    @Test
    public void spreadAndBinpackPickOppositeEnds() {
        var members = List.of(member("empty", MemberState.ONLINE, 8000, 16000), member("full", MemberState.ONLINE, 2000, 4000));
        queue.pending.add(demand("s", 1000, 100, 0, 1));
        new SchedulingPass(false).run(members, queue, new SpreadStrategy(), 0);
        queue.pending.add(demand("b", 1000, 100, 0, 1));
        new SchedulingPass(false).run(members, queue, new BinpackStrategy(), 0);
        assertEquals(List.of("s@empty", "b@full"), queue.binds);
    }

    @Test
    public void strategyRefusingEveryoneLeavesDemandPending() {
        queue.pending.add(demand("w", 100, 100, 0, 1));
        PassResult r = new SchedulingPass(true).run(List.of(member("a", MemberState.ONLINE, 8000, 8000)), queue,
                new org.sharercloud.api.scheduler.PlacementStrategy() {
                    public String name() {
                        return "never";
                    }

                    public double score(Demand d, org.sharercloud.api.scheduler.Candidate c) {
                        return Double.NEGATIVE_INFINITY;
                    }
                }, 0);
        assertEquals(0, r.placed());
        assertEquals(1, queue.pending.size());
    }

    @Test
    public void higherPriorityPreemptsLowestPriorityNewestFirstAndVictimsAreRequeued() {
        queue.running.add(new RunningAttempt("x1", "low-old", "a", 2000, 100, 1, Instant.ofEpochSecond(10)));
        queue.running.add(new RunningAttempt("x2", "low-new", "a", 2000, 100, 1, Instant.ofEpochSecond(20)));
        queue.running.add(new RunningAttempt("x3", "mid", "a", 2000, 100, 3, Instant.ofEpochSecond(30)));
        queue.pending.add(demand("urgent", 2000, 100, 5, 1));
        PassResult r = new SchedulingPass(true).run(List.of(member("a", MemberState.ONLINE, 0, 8000)), queue,
                new FirstFitStrategy(), 0);
        assertEquals(1, r.preempted());
        assertEquals(List.of("low-new"), queue.preempted);
        assertEquals(List.of("urgent@a"), queue.binds);
        assertTrue(queue.pending.stream().anyMatch(d -> d.workloadId().equals("low-new")));
    }

    @Test
    public void equalPriorityNeverPreemptsAndPreemptionCanBeOff() {
        queue.running.add(new RunningAttempt("x1", "same", "a", 2000, 100, 5, Instant.EPOCH));
        queue.pending.add(demand("peer", 2000, 100, 5, 1));
        var members = List.of(member("a", MemberState.ONLINE, 0, 8000));
        assertEquals(0, new SchedulingPass(true).run(members, queue, new FirstFitStrategy(), 0).preempted());
        queue.running.clear();
        queue.running.add(new RunningAttempt("x2", "low", "a", 2000, 100, 0, Instant.EPOCH));
        assertEquals(0, new SchedulingPass(false).run(members, queue, new FirstFitStrategy(), 0).preempted());
        assertTrue(queue.preempted.isEmpty());
    }
}
