package org.sharercloud.scheduler.internal.loop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.scheduler.internal.Fakes.demand;
import static org.sharercloud.scheduler.internal.Fakes.member;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.RejectReason;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.scheduler.internal.strategy.FirstFitStrategy;

public class PendingAnalyzerTest {
    private final List<org.sharercloud.api.members.Member> members = List.of(
            member("off1", MemberState.OFFLINE, 8000, 8000),
            member("off2", MemberState.SUSPECT, 8000, 8000),
            member("cord", MemberState.ONLINE, true, 8000, 8000, Map.of(), null, 0),
            member("small", MemberState.ONLINE, 1000, 8000),
            member("lowmem", MemberState.ONLINE, 8000, 100));

    @Test
    public void countsEveryMemberOnceByReasonWithDetails() {
        PendingExplanation e = PendingAnalyzer.explain(demand("w", 4000, 1000, 0, 1), members, new FirstFitStrategy(),
                List.of(), 0, Instant.EPOCH, 50);
        assertEquals(5, e.membersTotal());
        assertEquals(0, e.membersMatching());
        assertEquals(Integer.valueOf(2), e.rejectedByReason().get(RejectReason.NOT_ONLINE));
        assertEquals(Integer.valueOf(1), e.rejectedByReason().get(RejectReason.CORDONED));
        assertEquals(Integer.valueOf(1), e.rejectedByReason().get(RejectReason.INSUFFICIENT_CPU));
        assertEquals(Integer.valueOf(1), e.rejectedByReason().get(RejectReason.INSUFFICIENT_MEMORY));
        assertEquals(5, e.members().size());
        assertTrue(e.summary(), e.summary().contains("largest free cpu 8000m, needs 4000m"));
        assertTrue(e.members().stream().anyMatch(v -> v.memberId().equals("small") && v.detail().contains("1000m free")));
        assertFalse(e.preemptable());
    }

    @Test
    public void capsMemberListAndSaysWhenPreemptionWouldHelp() {
        var running = List.of(new RunningAttempt("a1", "low", "small", 4000, 10, 0, Instant.EPOCH));
        PendingExplanation e = PendingAnalyzer.explain(demand("w", 4000, 1000, 9, 1), members, new FirstFitStrategy(),
                running, 0, Instant.EPOCH, 2);
        assertEquals(2, e.members().size());
        assertTrue(e.preemptable());
        assertTrue(e.summary(), e.summary().contains("preempt"));
    }

    @Test
    public void saysItWillBePlacedWhenSomethingFits() {
        PendingExplanation e = PendingAnalyzer.explain(demand("w", 500, 10, 0, 1), members, new FirstFitStrategy(),
                List.of(), 0, Instant.EPOCH, 50);
        assertEquals(2, e.membersMatching());
        assertTrue(e.summary(), e.summary().startsWith("2 of 5 members can take it"));
    }

    private static org.sharercloud.api.members.Member withRuntimes(String id, MemberState state, long cpuTotal,
            Map<String, org.sharercloud.api.members.RuntimeStatus> runtimes) {
        var host = new org.sharercloud.api.members.HostInfo(id, id, "linux", "amd64", 2, 4096, 1000, false, Map.of(), runtimes);
        return new org.sharercloud.api.members.Member(id, id, state, false, host, null, null,
                new org.sharercloud.api.members.Capacity(cpuTotal, cpuTotal, 2048, 2048), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    public void saysInWordsWhenNoMemberRunsTheWorkloadsRuntime() {
        var docker = org.sharercloud.api.members.RuntimeStatus.unavailable("no reachable Docker engine at unix:///var/run/docker.sock");
        var only = List.of(withRuntimes("laptop", MemberState.ONLINE, 1000, Map.of("docker", docker,
                "process", org.sharercloud.api.members.RuntimeStatus.ok())));
        PendingExplanation e = PendingAnalyzer.explain(demand("w", 250, 256, 0, 1), only, new FirstFitStrategy(), List.of(), 0,
                Instant.EPOCH, 50);
        assertEquals("no member can run docker workloads: 1 has no reachable Docker engine at unix:///var/run/docker.sock",
                e.summary());
        assertEquals(Integer.valueOf(1), e.rejectedByReason().get(RejectReason.RUNTIME_UNAVAILABLE));
        assertEquals(docker.detail(), e.members().get(0).detail());

        var process = new org.sharercloud.api.scheduler.Demand("p", 0, 250, 256, 0, 60, Map.of(), Instant.EPOCH,
                java.util.Set.of(), "process");
        var two = List.of(withRuntimes("a", MemberState.ONLINE, 1000, Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok())),
                withRuntimes("b", MemberState.ONLINE, 1000, Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok())),
                withRuntimes("c", MemberState.OFFLINE, 1000, Map.of("process", org.sharercloud.api.members.RuntimeStatus.ok())));
        assertEquals("no member can run process workloads: 2 do not offer it, 1 that could is OFFLINE",
                PendingAnalyzer.explain(process, two, new FirstFitStrategy(), List.of(), 0, Instant.EPOCH, 50).summary());
    }

    @Test
    public void tellsTooLargeForEveryMemberApartFromBusy() {
        var small = List.of(withRuntimes("a", MemberState.ONLINE, 1000, Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok())),
                withRuntimes("b", MemberState.DRAINING, 500, Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok())));
        PendingExplanation never = PendingAnalyzer.explain(demand("w", 8000, 4096, 0, 1), small, new FirstFitStrategy(), List.of(),
                0, Instant.EPOCH, 50);
        assertEquals("larger than any member could ever offer: needs 8000m cpu; the largest member offers at most 1000m; "
                + "needs 4096 MB memory; the largest member offers at most 2048 MB", never.summary());
        PendingExplanation busy = PendingAnalyzer.explain(demand("w", 4000, 1000, 0, 1), members, new FirstFitStrategy(), List.of(),
                0, Instant.EPOCH, 50);
        assertTrue(busy.summary(), busy.summary().startsWith("none of 5 members fits"));
    }
}
