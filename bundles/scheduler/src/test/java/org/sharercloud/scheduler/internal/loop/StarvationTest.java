package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.scheduler.internal.Fakes.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.scheduler.internal.Fakes;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;
import org.sharercloud.scheduler.internal.strategy.SpreadStrategy;

/**
 * Issue 9's starvation: two members; a job with maxRetries 2 exits 1 on both, so its last replica is PENDING
 * with every member excluded. Every later job of the same or a larger shape used to stay PENDING forever:
 * the excluded replica found no member, and the pass recorded its size as "no room", skipping the others,
 * while "why pending" said the next pass would place them.
 */
public class StarvationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final Fakes.Queue queue = new Fakes.Queue();
    private final List<Member> members = List.of(member("a", MemberState.ONLINE, 4000, 8000),
            member("b", MemberState.ONLINE, 4000, 8000));

    private static Demand failedEverywhere(Instant pendingSince) {
        return new Demand("failing", 0, 1000, 256, 0, 600, Map.of(), pendingSince, Set.of("a", "b"));
    }

    private static SchedulingPass pass() {
        return new SchedulingPass(true, Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    public void aReplicaExcludedEverywhereDoesNotBlockJobsOfTheSameOrALargerShape() {
        queue.pending.add(failedEverywhere(NOW.minusSeconds(5)));
        queue.pending.add(new Demand("same", 0, 1000, 256, 0, 600, Map.of(), NOW.minusSeconds(3)));
        queue.pending.add(new Demand("larger", 0, 2000, 512, 0, 600, Map.of(), NOW.minusSeconds(2)));
        PendingExplanation why = PendingAnalyzer.explain(queue.pending.get(1), members, new FirstFitStrategy(), List.of(), 12,
                NOW, 50);
        assertTrue(why.summary(), why.summary().startsWith("2 of 2 members can take it now"));

        PassResult r = pass().run(members, queue, new FirstFitStrategy(), 12);

        assertEquals(List.of("same@a", "larger@a"), queue.binds);
        assertEquals("only the excluded replica waits", 1, r.unplaced());
        assertEquals("a pass is asked for when its back-off ends", NOW.plusSeconds(25), r.wakeAt());
    }

    @Test
    public void constraintsAndRuntimesThatFindNoMemberDoNotBlockOthersEither() {
        queue.pending.add(new Demand("gpu", 0, 1000, 256, 0, 600, Map.of("gpu", "yes"), NOW.minusSeconds(9)));
        queue.pending.add(new Demand("proc", 0, 1000, 256, 0, 600, Map.of(), NOW.minusSeconds(8), Set.of(), "process"));
        queue.pending.add(new Demand("plain", 0, 1000, 256, 0, 600, Map.of(), NOW.minusSeconds(7)));
        pass().run(members, queue, new SpreadStrategy(), 12);
        assertEquals(List.of("plain@a"), queue.binds);
    }

    @Test
    public void aSizeNothingHasRoomForStillSkipsLargerDemandsWhateverTheirFilters() {
        queue.pending.add(new Demand("huge", 0, 5000, 256, 0, 600, Map.of(), NOW.minusSeconds(9)));
        queue.pending.add(new Demand("huge-gpu", 0, 6000, 256, 0, 600, Map.of("gpu", "yes"), NOW.minusSeconds(8)));
        queue.pending.add(new Demand("fits", 0, 4000, 256, 0, 600, Map.of(), NOW.minusSeconds(7)));
        PassResult r = pass().run(members, queue, new FirstFitStrategy(), 12);
        assertEquals(List.of("fits@a"), queue.binds);
        assertEquals(2, r.unplaced());
        assertNull(r.wakeAt());
    }

    @Test
    public void afterTheBackOffTheReplicaGoesBackToAMemberItFailedOn() {
        queue.pending.add(failedEverywhere(NOW.minusSeconds(31)));
        PassResult r = pass().run(members, queue, new FirstFitStrategy(), 12);
        assertEquals(List.of("failing@a"), queue.binds);
        assertTrue(queue.reasons.get(0), queue.reasons.get(0).startsWith("retry on a member it failed on before"));
        assertNull(r.wakeAt());
    }

    @Test
    public void whilePendingWithEveryMemberExcludedWhyPendingSaysWhenItMayGoBack() {
        PendingExplanation e = PendingAnalyzer.explain(failedEverywhere(NOW.minusSeconds(5)), members, new FirstFitStrategy(),
                List.of(), 12, NOW, 50, Duration.ofSeconds(30));
        assertEquals(0, e.membersMatching());
        assertTrue(e.summary(), e.summary().startsWith("every member that could run it is excluded after earlier failed or lost "
                + "attempts; they may take it again from 2026-01-01T12:00:25Z"));
        PendingExplanation later = PendingAnalyzer.explain(failedEverywhere(NOW.minusSeconds(40)), members, new FirstFitStrategy(),
                List.of(), 12, NOW, 50, Duration.ofSeconds(30));
        assertEquals(2, later.membersMatching());
        assertTrue(later.summary(), later.summary().contains("its exclusions are lifted"));
    }

    @Test
    public void aReplicaWaitsForAMemberItDidNotFailOnEvenWhenThatOneIsBusy() {
        List<Member> three = List.of(member("a", MemberState.ONLINE, 4000, 8000), member("b", MemberState.ONLINE, 4000, 8000),
                member("c", MemberState.ONLINE, 0, 8000));
        queue.pending.add(failedEverywhere(NOW.minusSeconds(300)));
        PassResult r = pass().run(three, queue, new FirstFitStrategy(), 12);
        assertTrue("c could run it once it has room: " + queue.binds, queue.binds.isEmpty());
        assertNull(r.wakeAt());
        // c OFFLINE or cordoned: nobody else is left, the back-off (long over) lets a take it again
        for (Member gone : List.of(member("c", MemberState.OFFLINE, 0, 8000),
                member("c", MemberState.ONLINE, true, 4000, 8000, Map.of(), null, 0))) {
            Fakes.Queue q = new Fakes.Queue();
            q.pending.add(failedEverywhere(NOW.minusSeconds(300)));
            pass().run(List.of(three.get(0), three.get(1), gone), q, new FirstFitStrategy(), 12);
            assertEquals(List.of("failing@a"), q.binds);
        }
    }
}
