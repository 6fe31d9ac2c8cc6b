package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.sharercloud.workloads.internal.Fixture.ALICE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/**
 * With several coordinators, a member's OFFLINE is made (and posted plainly) by one coordinator, and posted as
 * {@link MemberEvents#OBSERVED} by the others when they read it from the store: only the plain one loses the member's
 * work, so it is lost once cluster-wide.
 */
public class ObservedOfflineTest {
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
    }

    @After
    public void close() {
        f.close();
    }

    private static Event offline(String member, boolean observed) {
        Map<String, Object> p = new HashMap<>(Map.of(MemberEvents.MEMBER_ID, member, MemberEvents.FROM, "SUSPECT", MemberEvents.TO, "OFFLINE"));
        if (observed) {
            p.put(MemberEvents.OBSERVED, Boolean.TRUE);
        }
        return new Event(MemberEvents.STATE_CHANGED, p);
    }

    @Test
    public void anObservedOfflineLosesNothingThePlainOneLosesTheAttempt() throws Exception {
        String w = f.workloads.submit(ALICE, new WorkloadSpec("job", "busybox:1.36", List.of("true"), Map.of(), 500, 64, 60, null, 2, Map.of(),
                null, null, null)).id();
        String attempt = f.queue.bind(f.demand(w, 0), "m1", "test placement");
        long token = f.poll("m1").start().stream().filter(s -> s.attemptId().equals(attempt)).findFirst().orElseThrow().fencingToken();
        f.agent.reportAttempt("m1", attempt, AttemptEvent.running(token));
        f.members.state("m1", MemberState.OFFLINE);
        MemberStateListener listener = new MemberStateListener(f.core);

        listener.handleEvent(offline("m1", true));
        assertEquals("another coordinator made this OFFLINE: its work is that coordinator's to lose", WorkloadState.RUNNING,
                f.workloads.get(ALICE, w).state());

        listener.handleEvent(offline("m1", false));
        assertEquals("lost, and pending for a retry", WorkloadState.PENDING, f.workloads.get(ALICE, w).state());
    }
}
