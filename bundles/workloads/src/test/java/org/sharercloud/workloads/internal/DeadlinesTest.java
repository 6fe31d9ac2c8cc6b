package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ALICE;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.testing.ManualClock;

/**
 * The coordinator-side deadline: a member that stays silent (or lies) past an attempt's timeout + grace loses it
 * (LOST, told to stop, retried elsewhere, its booking ended); an attempt never acknowledged is LOST after the start
 * deadline; one that reports in time is untouched; a late report after the deadline is refused (409).
 */
public class DeadlinesTest {
    private final ManualClock clock = new ManualClock();
    private Fixture f;
    private AttemptDeadlines deadlines;

    @Before
    public void open() throws Exception {
        f = new Fixture();
        f.clock = clock;
        f.restart();
        deadlines = new AttemptDeadlines(f.core);
    }

    @After
    public void close() {
        deadlines.close();
        f.close();
    }

    private Workload submit(int timeoutSeconds) {
        return f.workloads.submit(ALICE, new WorkloadSpec("job", "busybox:1.36", List.of("true"), Map.of(), 100, 16, timeoutSeconds,
                1, 2, Map.of(), null, null, null));
    }

    @Test
    public void aSilentRunningAttemptIsLostAfterTimeoutPlusGraceAndRetriedElsewhere() throws Exception {
        Workload w = submit(120);
        String id = f.queue.bind(f.demand(w.id(), 0), "m1", "test");
        f.poll("m1");
        f.agent.reportAttempt("m1", id, AttemptEvent.running(1));
        clock.advanceSeconds(120 + 59);
        assertEquals("within timeout + grace (60 s)", 0, deadlines.sweep());
        clock.advanceSeconds(2);
        assertEquals(1, deadlines.sweep());
        Workload after = f.workloads.get(ALICE, w.id());
        assertEquals(AttemptState.LOST, after.attempts().get(0).state());
        assertTrue(after.attempts().get(0).reason(), after.attempts().get(0).reason().contains("within the timeout (120 s)"));
        assertEquals(WorkloadState.PENDING, after.state());
        assertEquals("its booking ended", 0, f.allocations.of("m1").attempts());
        assertTrue("the retry avoids the silent member", f.demand(w.id(), 0).excludedMembers().contains("m1"));
        assertEquals("the member is told to stop it", id, f.poll("m1").stop().get(0).attemptId());
        Fixture.expect(409, () -> f.agent.reportAttempt("m1", id, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 1, null, null)));
        assertEquals("nothing credited for the refused result", 0, f.credits.statement("m1").attempts());
    }

    @Test
    public void anUnacknowledgedAssignmentIsLostAfterTheStartDeadline() throws Exception {
        Workload w = submit(30);
        f.queue.bind(f.demand(w.id(), 0), "m2", "test");
        clock.advanceSeconds(599);
        assertEquals(0, deadlines.sweep());
        clock.advanceSeconds(2);
        assertEquals(1, deadlines.sweep());
        assertEquals(AttemptState.LOST, f.workloads.get(ALICE, w.id()).attempts().get(0).state());
        assertEquals(0, f.allocations.of("m2").attempts());
    }

    @Test
    public void anAttemptThatReportsInTimeIsUntouched() throws Exception {
        Workload w = submit(120);
        String id = f.queue.bind(f.demand(w.id(), 0), "m1", "test");
        f.agent.reportAttempt("m1", id, AttemptEvent.running(1));
        clock.advanceSeconds(100);
        f.agent.reportAttempt("m1", id, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 1, null, null));
        clock.advanceSeconds(10_000);
        assertEquals(0, deadlines.sweep());
        assertEquals(WorkloadState.SUCCEEDED, f.workloads.get(ALICE, w.id()).state());
    }

    @Test
    public void logsAndOutputsOfWorkloadsFinalForLongerThanTheRetentionAreDeleted() throws Exception {
        Workload old = submit(60);
        Workload live = submit(60);
        String a = f.queue.bind(f.demand(old.id(), 0), "m1", "test");
        String b = f.queue.bind(f.demand(live.id(), 0), "m1", "test");
        f.agent.reportAttempt("m1", a, AttemptEvent.log(1, "stdout", "old output\n"));
        f.agent.reportAttempt("m1", b, AttemptEvent.log(1, "stdout", "still running\n"));
        byte[] tar = "a tar".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        f.agent.reportAttempt("m1", a, AttemptEvent.result(1, 0, "SUCCEEDED", null, 1.0, 1, tar, AgentGatewayImpl.sha256(tar)));
        clock.advanceSeconds(29L * 86_400);
        assertEquals("not yet 30 days", 0, deadlines.purge());
        clock.advanceSeconds(2L * 86_400);
        assertEquals("its log chunk and its outputs", 2, deadlines.purge());
        assertTrue(f.workloads.logs(ALICE, old.id(), 0, java.time.Duration.ZERO).chunks().isEmpty());
        assertEquals("the running workload's log is kept", 1, f.workloads.logs(ALICE, live.id(), 0, java.time.Duration.ZERO).chunks().size());
        assertEquals("the workload itself is kept", WorkloadState.SUCCEEDED, f.workloads.get(ALICE, old.id()).state());
    }
}
