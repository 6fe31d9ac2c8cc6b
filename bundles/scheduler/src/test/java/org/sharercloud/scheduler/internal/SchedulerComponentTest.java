package org.sharercloud.scheduler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.sharercloud.scheduler.internal.Fakes.demand;
import static org.sharercloud.scheduler.internal.Fakes.member;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.RejectReason;
import org.sharercloud.scheduler.internal.strategy.BinpackStrategy;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;
import org.sharercloud.testing.FakeMemberService;

public class SchedulerComponentTest {
    private final SchedulerComponent scheduler = new SchedulerComponent(TestConfig.of("first-fit"),
            Clock.fixed(Instant.parse("2024-01-01T12:00:00Z"), ZoneOffset.UTC));
    private final FakeMemberService members = new FakeMemberService();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final FirstFitStrategy firstFit = new FirstFitStrategy();
    private final SpreadStrategy spread = new SpreadStrategy();

    @After
    public void stop() {
        scheduler.deactivate();
    }

    private static Map<String, Object> named(String n) {
        return Map.of(PlacementStrategy.NAME, n);
    }

    @Test
    public void idlesUntilMembersQueueAndStrategyAreAllThere() {
        members.set(List.of(member("a", MemberState.ONLINE, 8000, 8000)));
        queue.pending.add(demand("w", 100, 100, 0, 1));
        assertEquals(0, scheduler.runPass().placed());
        scheduler.setMembers(members);
        scheduler.setQueue(queue);
        assertEquals(0, scheduler.runPass().placed());
        assertNotNull(scheduler.status().idleReason());
        scheduler.addStrategy(firstFit, named("first-fit"));
        assertNull(scheduler.status().idleReason());
        awaitBinds(1);
        assertEquals(List.of("w@a"), queue.binds);
        scheduler.unsetQueue(queue);
        assertEquals("the workloads module is not running", scheduler.status().idleReason());
    }

    @Test
    public void triggerPlacesNewWorkOnTheSchedulerThread() {
        wire();
        queue.pending.add(demand("w1", 100, 100, 0, 1));
        queue.pending.add(demand("w2", 100, 100, 0, 2));
        scheduler.trigger();
        awaitBinds(2);
        assertTrue(scheduler.status().placed() >= 2);
    }

    @Test
    public void switchesStrategyAtRunTimeAndRejectsUnknownNames() {
        wire();
        scheduler.addStrategy(spread, named("spread"));
        scheduler.addStrategy(new BinpackStrategy(), named("binpack"));
        assertEquals(List.of("binpack", "first-fit", "spread"), scheduler.strategies());
        scheduler.setActiveStrategy("spread");
        assertEquals("spread", scheduler.activeStrategy());
        try {
            scheduler.setActiveStrategy("random");
            fail("unknown strategy accepted");
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals("strategy", e.field());
        }
        assertEquals("spread", scheduler.activeStrategy());
    }

    @Test
    public void fallsBackToConfiguredDefaultWhenActiveStrategyGoesAndReturns() {
        wire();
        scheduler.addStrategy(spread, named("spread"));
        scheduler.setActiveStrategy("spread");
        scheduler.removeStrategy(spread, named("spread"));
        assertEquals("first-fit", scheduler.activeStrategy());
        assertEquals(List.of("first-fit"), scheduler.strategies());
        scheduler.removeStrategy(firstFit, named("first-fit"));
        assertNull("no strategy: the loop idles", scheduler.status().activeStrategy());
        queue.pending.add(demand("w", 100, 100, 0, 1));
        assertEquals(0, scheduler.runPass().placed());
        scheduler.addStrategy(firstFit, named("first-fit"));
        awaitBinds(1);
        assertEquals("first-fit", scheduler.status().activeStrategy());
    }

    @Test
    public void configurationChangesTheDefault() {
        wire();
        scheduler.addStrategy(spread, named("spread"));
        scheduler.modified(TestConfig.of("spread"));
        assertEquals("spread", scheduler.activeStrategy());
        assertEquals("spread", scheduler.status().defaultStrategy());
    }

    @Test
    public void explainsWhyPendingAndNeedsBothModules() {
        try {
            scheduler.explain("w");
            fail("explain without members module");
        } catch (ApiException e) {
            assertEquals(503, e.status());
        }
        scheduler.setMembers(members);
        scheduler.setQueue(queue);
        members.set(List.of(member("a", MemberState.OFFLINE, 8000, 8000), member("b", MemberState.ONLINE, 100, 8000)));
        queue.pending.add(demand("w", 4000, 100, 0, 1));
        List<PendingExplanation> e = scheduler.explain("w");
        assertEquals(1, e.size());
        assertEquals(Integer.valueOf(1), e.get(0).rejectedByReason().get(RejectReason.NOT_ONLINE));
        assertEquals(Integer.valueOf(1), e.get(0).rejectedByReason().get(RejectReason.INSUFFICIENT_CPU));
        assertTrue(scheduler.explain("other").isEmpty());
    }

    @Test
    public void aPassRunsWhenAnExclusionBackOffEndsWithoutAnyOtherTrigger() {
        SchedulerConfig config = TestConfig.of("first-fit", "arima", Map.of("exclusion.backoff.seconds", 1));
        SchedulerComponent real = new SchedulerComponent(config, Clock.systemUTC());
        try {
            members.set(List.of(member("a", MemberState.ONLINE, 8000, 8000)));
            real.setMembers(members);
            real.setQueue(queue);
            real.addStrategy(firstFit, named("first-fit"));
            queue.pending.add(new org.sharercloud.api.scheduler.Demand("failed-on-a", 0, 100, 100, 0, 60, Map.of(),
                    Instant.now(), java.util.Set.of("a")));
            assertEquals("excluded everywhere, back-off not over", 0, real.runPass().placed());
            awaitBinds(1); // no trigger from the test: the component's own wake-up places it
            assertEquals(List.of("failed-on-a@a"), queue.binds);
        } finally {
            real.deactivate();
        }
    }

    @Test
    public void workLeftPendingIsLookedAtAgainWithoutAnEventWhenRoomAppears() {
        SchedulerConfig config = TestConfig.of("first-fit", "arima", Map.of("pending.recheck.seconds", 1));
        SchedulerComponent real = new SchedulerComponent(config, Clock.systemUTC());
        try {
            members.set(List.of(member("a", MemberState.ONLINE, 0, 8000))); // the owner is busy: no cpu free
            real.setMembers(members);
            real.setQueue(queue);
            real.addStrategy(firstFit, named("first-fit"));
            queue.pending.add(demand("w", 250, 100, 0, 1));
            assertEquals(0, real.runPass().placed());
            members.set(List.of(member("a", MemberState.ONLINE, 1000, 8000))); // the owner's load dropped: no event
            awaitBinds(1);
            assertEquals(List.of("w@a"), queue.binds);
        } finally {
            real.deactivate();
        }
    }

    /** Several coordinators on one store: only the leader places (docs/scale.md §3); a follower's pass is idle and says why. */
    @Test
    public void onlyTheLeaderPlaces() {
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean(false);
        scheduler.setCluster(new org.sharercloud.api.cluster.ClusterService() {
            @Override
            public String selfId() {
                return "me";
            }

            @Override
            public boolean isLeader() {
                return leads.get();
            }

            @Override
            public org.sharercloud.api.cluster.ClusterView view() {
                throw new UnsupportedOperationException();
            }
        });
        wire();
        queue.pending.add(demand("w", 100, 100, 0, 1));
        assertEquals("a follower places nothing", 0, scheduler.runPass().placed());
        assertTrue(queue.binds.isEmpty());
        assertEquals("this coordinator follows: the leader places (docs/scale.md)", scheduler.status().idleReason());
        leads.set(true);
        assertNull(scheduler.status().idleReason());
        scheduler.trigger();
        awaitBinds(1);
        assertEquals("the leader places", List.of("w@a"), queue.binds);
    }

    private void wire() {
        members.set(List.of(member("a", MemberState.ONLINE, 8000, 8000)));
        scheduler.setMembers(members);
        scheduler.setQueue(queue);
        scheduler.addStrategy(firstFit, named("first-fit"));
    }

    private void awaitBinds(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (queue.binds.size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertEquals("binds within 5 s", n, queue.binds.size());
    }
}
