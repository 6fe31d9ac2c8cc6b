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
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.testing.ManualClock;

/**
 * A service whose replica keeps crashing right after it starts: restarted at once the first time, then only after a
 * doubling delay (5 s, 10 s, 20 s … at most 5 min), and FAILED for good after 10 crashes in a row; a replica that ran
 * for a while before failing starts a new count.
 */
public class CrashLoopTest {
    private final ManualClock clock = new ManualClock();
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
        f.clock = clock;
        f.restart();
    }

    @After
    public void close() {
        f.close();
    }

    private void crash(String workloadId, long runSeconds) {
        String id = f.queue.bind(f.demand(workloadId, 0), "m1", "test");
        long token = f.workloads.get(ALICE, workloadId).attempts().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow()
                .fencingToken();
        f.agent.reportAttempt("m1", id, AttemptEvent.running(token));
        clock.advanceSeconds(runSeconds);
        f.agent.reportAttempt("m1", id, AttemptEvent.result(token, 1, "FAILED", "exit 1", 0.1, 1, null, null));
    }

    private boolean pending(String workloadId) {
        return f.queue.pending().stream().anyMatch(d -> d.workloadId().equals(workloadId));
    }

    @Test
    public void aCrashLoopingServiceBacksOffThenStopsAfterTheLimit() {
        Workload w = f.workloads.submit(ALICE, new WorkloadSpec("svc", "busybox:1.36", List.of("false"), Map.of(), 100, 16, 3600, 1, 0,
                Map.of(), null, null, WorkloadKind.SERVICE));
        crash(w.id(), 1);
        assertTrue("the first crash: restarted at once", pending(w.id()));
        long expected = 5;
        for (int n = 2; n <= 10; n++) {
            crash(w.id(), 1);
            assertTrue("crash " + n + ": not restarted at once", !pending(w.id()));
            clock.advanceSeconds(expected - 1);
            assertTrue("crash " + n + ": still backing off", !pending(w.id()));
            clock.advanceSeconds(1);
            assertTrue("crash " + n + ": restarted after " + expected + " s", pending(w.id()));
            expected = Math.min(300, expected * 2);
        }
        crash(w.id(), 1);
        clock.advanceSeconds(3600);
        assertTrue("after the 11th crash in a row: not restarted any more", !pending(w.id()));
        assertEquals(WorkloadState.FAILED, f.workloads.get(ALICE, w.id()).state());
    }

    @Test
    public void aReplicaThatRanForAWhileStartsANewCount() {
        Workload w = f.workloads.submit(ALICE, new WorkloadSpec("svc", "busybox:1.36", List.of("false"), Map.of(), 100, 16, 3600, 1, 0,
                Map.of(), null, null, WorkloadKind.SERVICE));
        crash(w.id(), 1);
        crash(w.id(), 1);
        clock.advanceSeconds(5);
        crash(w.id(), 120); // healthy for two minutes, then failed
        assertTrue("counted as a first crash again: restarted at once", pending(w.id()));
        assertEquals(WorkloadState.PENDING, f.workloads.get(ALICE, w.id()).state());
    }
}
