package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ALICE;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.agent.AgentHolding;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.agent.ResyncResult;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/**
 * A coordinator restart with attempts in flight, then the agent's resync: bookings follow the store's live attempts,
 * and attempts the agent no longer holds stop holding capacity at once (LOST, retried, the member still eligible).
 */
public class ResyncTest {
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
    }

    @After
    public void close() {
        f.close();
    }

    private Workload submit() {
        return f.workloads.submit(ALICE, new WorkloadSpec("job", "busybox:1.36", List.of("true"), Map.of(), 50, 16, 60, 1, 2,
                Map.of(), null, null, null));
    }

    private String bind(Workload w, String member) {
        return f.queue.bind(f.demand(w.id(), 0), member, "test");
    }

    @Test
    public void afterARestartBookingsComeFromTheStoreAndAResyncFreesWhatTheAgentNoLongerHolds() throws Exception {
        Workload held = submit();
        Workload vanished = submit();
        Workload notStarted = submit();
        Workload finishedMeanwhile = submit();
        String heldId = bind(held, "m1");
        String vanishedId = bind(vanished, "m1");
        String notStartedId = bind(notStarted, "m1");
        String finishedId = bind(finishedMeanwhile, "m1");
        f.poll("m1");
        for (String id : List.of(heldId, vanishedId, finishedId)) {
            f.agent.reportAttempt("m1", id, AttemptEvent.running(1));
        }
        f.restart(); // kill -9 of the coordinator: only the store survives
        assertEquals("bookings rebuilt from the store's live attempts", 4, f.allocations.of("m1").attempts());
        assertEquals(200, f.allocations.of("m1").cpuMillis());

        // the agent still runs one, one ended while the coordinator was down and its RESULT is still queued, one
        // vanished (its RESULT was never delivered), one was never received; it also holds an attempt unknown here
        ResyncResult r = f.agent.resync("m1", new AgentHolding(List.of(heldId, finishedId, "not-an-attempt")));
        assertEquals(1, r.lost());
        assertEquals(1, r.redelivered());
        assertEquals(List.of("not-an-attempt"), r.drop());
        assertEquals(AttemptState.LOST, f.workloads.get(ALICE, vanished.id()).attempts().get(0).state());
        assertEquals("retried, the member still eligible", 1, f.queue.pending().size());
        assertTrue(f.queue.pending().get(0).excludedMembers().isEmpty());
        assertEquals(3, f.allocations.of("m1").attempts());
        assertEquals("the attempt never received is handed out again", List.of(notStartedId),
                f.poll("m1").start().stream().map(s -> s.attemptId()).toList());

        f.agent.reportAttempt("m1", finishedId, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 10, null, null));
        f.agent.reportAttempt("m1", heldId, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 10, null, null));
        f.agent.reportAttempt("m1", notStartedId, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 10, null, null));
        assertEquals(0, f.allocations.of("m1").attempts());
        String retry = bind(vanished, "m1");
        f.agent.reportAttempt("m1", retry, AttemptEvent.result(2, 0, "SUCCEEDED", null, 1.0, 10, null, null));
        for (Workload w : List.of(held, vanished, notStarted, finishedMeanwhile)) {
            assertEquals(WorkloadState.SUCCEEDED, f.workloads.get(ALICE, w.id()).state());
        }
        assertEquals("each job credited once", 4, f.credits.statement("m1").attempts());
        assertEquals(0, f.allocations.of("m1").attempts());
    }

    @Test
    public void aResyncIsCheckedLikeAnyInput() {
        Fixture.expect(400, () -> f.agent.resync("m1", new AgentHolding(null)));
        Fixture.expect(400, () -> f.agent.resync("m1", null));
        Fixture.expect(400, () -> f.agent.resync("m1", new AgentHolding(List.of("x".repeat(65)))));
        Fixture.expect(401, () -> f.agent.resync(" ", new AgentHolding(List.of())));
    }
}
