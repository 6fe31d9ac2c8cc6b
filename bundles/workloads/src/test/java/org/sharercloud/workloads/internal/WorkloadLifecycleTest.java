package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ADMIN;
import static org.sharercloud.workloads.internal.Fixture.ALICE;
import static org.sharercloud.workloads.internal.Fixture.BOB;
import static org.sharercloud.workloads.internal.Fixture.expect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.scheduler.SchedulerEvents;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.CreditStatement;
import org.sharercloud.api.workloads.LogPage;
import org.sharercloud.api.workloads.OutputArchive;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/** The state machine end to end over the real store: submit, bind, agent reports, results, credits. */
public class WorkloadLifecycleTest {
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
    }

    @After
    public void close() {
        f.close();
    }

    private Workload submit(Integer replicas, Integer retries, WorkloadKind kind) {
        return f.workloads.submit(ALICE, new WorkloadSpec("job", "busybox:1.36", List.of("sh", "-c", "echo hi"), Map.of("A", "1"), 500,
                64, 60, replicas, retries, Map.of("in.txt", "hello"), null, null, kind));
    }

    private StartAttempt bindAndReceive(String workloadId, int replica, String member) throws Exception {
        String attemptId = f.queue.bind(f.demand(workloadId, replica), member, "test placement");
        Assignments a = f.poll(member);
        StartAttempt s = a.start().stream().filter(x -> x.attemptId().equals(attemptId)).findFirst()
                .orElseThrow(() -> new AssertionError("no start for " + attemptId + " in " + a));
        return s;
    }

    private Workload state(String id) {
        return f.workloads.get(ALICE, id);
    }

    private static AttemptEvent ok(long token, double cpu) {
        return AttemptEvent.result(token, 0, "SUCCEEDED", null, cpu, 10, null, null);
    }

    private static AttemptEvent failed(long token, int exit) {
        return AttemptEvent.result(token, exit, "FAILED", "exit " + exit, 1, 10, null, null);
    }

    @Test
    public void jobRunsToSuccessWithLogsOutputsAndOneCredit() throws Exception {
        Workload w = submit(null, null, null);
        assertEquals(WorkloadState.PENDING, w.state());
        assertTrue("submit triggers a scheduling pass", f.events.topics().contains(SchedulerEvents.TRIGGER));
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        assertEquals(1, s.fencingToken());
        assertEquals(List.of("sh", "-c", "echo hi"), s.command());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), s.inputs().get("in.txt"));
        assertEquals(500, s.cpuMillis());
        assertEquals(WorkloadState.SCHEDULED, state(w.id()).state());
        assertEquals(500, f.allocations.of("m1").cpuMillis());

        assertEquals(AttemptState.RUNNING, f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.running(1)).attemptState());
        assertEquals(WorkloadState.RUNNING, state(w.id()).state());
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "stdout", "hi\n"));
        f.elapse(Duration.ofSeconds(10)); // 0.5 cores for 10 s: up to 5 CPU-seconds are believable
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.usage(1, 1.0, 20));
        byte[] tar = "pretend-tar".getBytes(StandardCharsets.UTF_8);
        String sha = AgentGatewayImpl.sha256(tar);
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.result(1, 0, "SUCCEEDED", null, 2.5, 30, tar, sha));

        Workload done = state(w.id());
        assertEquals(WorkloadState.SUCCEEDED, done.state());
        Attempt a = done.attempts().get(0);
        assertEquals(AttemptState.SUCCEEDED, a.state());
        assertEquals(Integer.valueOf(0), a.exitCode());
        assertEquals(2.5, a.cpuSeconds(), 1e-9);
        assertEquals(sha, a.outputsSha256());
        assertEquals("test placement", a.placement());
        assertEquals(0, f.allocations.of("m1").cpuMillis());

        LogPage logs = f.workloads.logs(ALICE, w.id(), 0, Duration.ZERO);
        assertEquals("hi\n", logs.chunks().get(0).text());
        assertTrue(logs.finished());
        OutputArchive out = f.workloads.outputs(ALICE, w.id(), null);
        assertArrayEquals(tar, out.data());
        assertEquals(sha, out.sha256());

        CreditStatement credits = f.credits.statement("m1");
        assertEquals(2.5, credits.balance(), 1e-9);
        assertEquals(1, credits.attempts());
        // a repeated result (the agent retrying a lost response) is refused and credits nothing more
        expect(409, () -> f.agent.reportAttempt("m1", s.attemptId(), ok(1, 2.5)));
        assertEquals(2.5, f.credits.statement("m1").balance(), 1e-9);
        expect(409, () -> f.workloads.cancel(ALICE, w.id()));
    }

    @Test
    public void reportedCpuIsBoundedByTheRequestTimesTheElapsedTimeAndMustBeFinite() throws Exception {
        Workload w = submit(null, null, null); // 500 millicores
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.running(1));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            ApiException e = expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.usage(1, bad, 20)));
            assertEquals("cpuSeconds", e.field());
            assertEquals("cpuSeconds", expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(), ok(1, bad))).field());
        }
        assertEquals("nothing was recorded from the refused reports", 0.0, state(w.id()).attempts().get(0).cpuSeconds(), 0);
        f.elapse(Duration.ofSeconds(20));
        // 0.5 cores for about 20 s: at most 10 CPU-seconds (+ 1 s of slack), whatever the member claims
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.usage(1, 1e9, 20));
        double usage = state(w.id()).attempts().get(0).cpuSeconds();
        assertTrue("usage " + usage, usage >= 10.0 && usage < 12.0);
        f.agent.reportAttempt("m1", s.attemptId(), ok(1, Double.MAX_VALUE));
        double credited = f.credits.statement("m1").balance();
        assertTrue("credited " + credited, credited >= 10.0 && credited < 12.0);
        assertEquals(WorkloadState.SUCCEEDED, state(w.id()).state());
    }

    @Test
    public void creditWeightComesFromConfiguration() throws Exception {
        f.close();
        f = new Fixture();
        f.creditWeight = 2.0;
        f.restart();
        Workload w = submit(null, null, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        f.elapse(Duration.ofMinutes(1));
        f.agent.reportAttempt("m1", s.attemptId(), ok(1, 3.0));
        assertEquals(6.0, f.credits.statement("m1").balance(), 1e-9);
        assertEquals(2.0, f.credits.statement("m1").entries().get(0).weight(), 1e-9);
    }

    @Test
    public void failedAttemptIsRetriedOnAnotherMemberThenFails() throws Exception {
        Workload w = submit(null, 1, null);
        StartAttempt first = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", first.attemptId(), failed(1, 3));
        assertEquals(WorkloadState.PENDING, state(w.id()).state());
        assertEquals(java.util.Set.of("m1"), f.queue.excludedMembers(w.id(), 0));
        expect(409, () -> f.queue.bind(f.demand(w.id(), 0), "m1", "again"));
        assertEquals("the demand carries the exclusion", java.util.Set.of("m1"), f.demand(w.id(), 0).excludedMembers());
        StartAttempt second = bindAndReceive(w.id(), 0, "m2");
        assertEquals(2, second.fencingToken());
        f.agent.reportAttempt("m2", second.attemptId(), failed(2, 4));
        Workload done = state(w.id());
        assertEquals(WorkloadState.FAILED, done.state());
        assertTrue(done.reason(), done.reason().contains("exit 4"));
        assertTrue("no retry left: nothing pending", f.queue.pending().isEmpty());
        assertEquals(0.0, f.credits.statement("m1").balance() + f.credits.statement("m2").balance(), 0);
    }

    @Test
    public void staleTokenIsRefusedAndChangesNothing() throws Exception {
        Workload w = submit(null, 2, null);
        StartAttempt first = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", first.attemptId(), AttemptEvent.running(1));
        f.members.state("m1", org.sharercloud.api.members.MemberState.OFFLINE);
        new MemberStateListener(f.core).handleEvent(offline("m1"));
        StartAttempt second = bindAndReceive(w.id(), 0, "m2");
        f.agent.reportAttempt("m2", second.attemptId(), AttemptEvent.running(2));
        Workload before = state(w.id());

        // the slow machine comes back and reports success for its old attempt
        expect(409, () -> f.agent.reportAttempt("m1", first.attemptId(), ok(1, 50)));
        expect(409, () -> f.agent.reportAttempt("m1", first.attemptId(), AttemptEvent.log(1, "stdout", "late\n")));
        // a wrong token on the current attempt is refused too
        expect(409, () -> f.agent.reportAttempt("m2", second.attemptId(), ok(1, 50)));
        // and another member cannot touch it at all
        expect(404, () -> f.agent.reportAttempt("m1", second.attemptId(), ok(2, 50)));

        Workload after = state(w.id());
        assertEquals(before.state(), after.state());
        assertEquals(before.attempts(), after.attempts());
        assertTrue(f.workloads.logs(ALICE, w.id(), 0, Duration.ZERO).chunks().isEmpty());
        assertEquals(0.0, f.credits.statement("m1").balance(), 0);

        f.elapse(Duration.ofMinutes(1));
        f.agent.reportAttempt("m2", second.attemptId(), ok(2, 5));
        assertEquals(WorkloadState.SUCCEEDED, state(w.id()).state());
        assertEquals(5.0, f.credits.statement("m2").balance(), 1e-9);
        assertEquals("the lost attempt earned nothing", 0.0, f.credits.statement("m1").balance(), 0);
    }

    @Test
    public void lostAttemptIsRetriedElsewhereAndTheReturningMemberIsToldToStop() throws Exception {
        Workload w = submit(null, 1, null);
        StartAttempt first = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", first.attemptId(), AttemptEvent.running(1));
        new MemberStateListener(f.core).handleEvent(offline("m1"));
        Workload lost = state(w.id());
        assertEquals(AttemptState.LOST, lost.attempts().get(0).state());
        assertEquals(WorkloadState.PENDING, lost.state());
        assertTrue(f.queue.excludedMembers(w.id(), 0).contains("m1"));
        Assignments back = f.poll("m1");
        assertEquals(first.attemptId(), back.stop().get(0).attemptId());
        // the returning agent confirms the stop with its CANCELLED result: refused, and the stop is not sent again
        expect(409, () -> f.agent.reportAttempt("m1", first.attemptId(), AttemptEvent.result(1, 137, "CANCELLED", null, 1, 1, null, null)));
        assertTrue(f.agent.awaitAssignments("m1", 0, true).toCompletableFuture().get(5, TimeUnit.SECONDS).stop().isEmpty());

        StartAttempt second = bindAndReceive(w.id(), 0, "m2");
        new MemberStateListener(f.core).handleEvent(offline("m2"));
        Workload failed = state(w.id());
        assertEquals("retries used up", WorkloadState.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("OFFLINE"));
        assertEquals(AttemptState.LOST, failed.attempts().get(1).state());
        assertEquals(second.attemptId(), failed.attempts().get(1).id());
    }

    @Test
    public void jobReplicasRunIndependently() throws Exception {
        Workload w = submit(3, 0, null);
        assertEquals(3, f.queue.pending().stream().filter(d -> d.workloadId().equals(w.id())).count());
        StartAttempt r0 = bindAndReceive(w.id(), 0, "m1");
        StartAttempt r1 = bindAndReceive(w.id(), 1, "m2");
        StartAttempt r2 = bindAndReceive(w.id(), 2, "m1");
        assertEquals(1000, f.allocations.of("m1").cpuMillis());
        f.agent.reportAttempt("m1", r0.attemptId(), ok(1, 1));
        f.agent.reportAttempt("m2", r1.attemptId(), ok(1, 1));
        assertEquals(WorkloadState.SCHEDULED, state(w.id()).state());
        f.agent.reportAttempt("m1", r2.attemptId(), ok(1, 1));
        assertEquals(WorkloadState.SUCCEEDED, state(w.id()).state());
        assertEquals(2.0, f.credits.statement("m1").balance(), 1e-9);
    }

    @Test
    public void serviceReplacesDeadReplicasUntilCancelled() throws Exception {
        Workload w = submit(2, 0, WorkloadKind.SERVICE);
        StartAttempt a = bindAndReceive(w.id(), 0, "m1");
        StartAttempt b = bindAndReceive(w.id(), 1, "m2");
        f.agent.reportAttempt("m1", a.attemptId(), AttemptEvent.running(1));
        f.agent.reportAttempt("m2", b.attemptId(), AttemptEvent.running(1));
        f.agent.reportAttempt("m1", a.attemptId(), failed(1, 1));
        assertEquals(WorkloadState.RUNNING, state(w.id()).state());
        StartAttempt a2 = bindAndReceive(w.id(), 0, "m1");
        assertEquals("a service replica is replaced even with maxRetries 0", 2, a2.fencingToken());
        new MemberStateListener(f.core).handleEvent(offline("m2"));
        StartAttempt b2 = bindAndReceive(w.id(), 1, "m3");
        assertEquals(2, b2.fencingToken());
        Workload cancelled = f.workloads.cancel(ALICE, w.id());
        assertEquals(WorkloadState.CANCELLED, cancelled.state());
        assertTrue(cancelled.attempts().stream().noneMatch(x -> !x.state().isFinal()));
        assertEquals(a2.attemptId(), f.poll("m1").stop().get(0).attemptId());
        assertTrue(f.queue.pending().isEmpty());
    }

    @Test
    public void cancelReachesAWaitingLongPollAtOnce() throws Exception {
        Workload w = submit(null, null, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.running(1));
        CompletableFuture<Assignments> waiting = f.agent.awaitAssignments("m1", 60, false).toCompletableFuture();
        assertFalse("nothing to do yet", waiting.isDone());
        f.workloads.cancel(ALICE, w.id());
        Assignments got = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(s.attemptId(), got.stop().get(0).attemptId());
        assertEquals(1, got.stop().get(0).fencingToken());
        assertEquals(WorkloadState.CANCELLED, state(w.id()).state());
        assertEquals(AttemptState.CANCELLED, state(w.id()).attempts().get(0).state());
        expect(409, () -> f.agent.reportAttempt("m1", s.attemptId(), ok(1, 9)));
        assertEquals(0.0, f.credits.statement("m1").balance(), 0);
    }

    @Test
    public void assignmentReachesAWaitingLongPollAtOnce() throws Exception {
        Workload w = submit(null, null, null);
        CompletableFuture<Assignments> waiting = f.agent.awaitAssignments("m2", 60, false).toCompletableFuture();
        assertFalse(waiting.isDone());
        String id = f.queue.bind(f.demand(w.id(), 0), "m2", "p");
        assertEquals(id, waiting.get(10, TimeUnit.SECONDS).start().get(0).attemptId());
        assertTrue("handed out once", f.poll("m2").isEmpty());
        assertEquals("a resync hands it out again", id, f.agent.awaitAssignments("m2", 0, true).toCompletableFuture()
                .get(5, TimeUnit.SECONDS).start().get(0).attemptId());
    }

    @Test
    public void preemptionUsesNoRetryAndStopsTheAttempt() throws Exception {
        Workload w = submit(null, 0, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        assertEquals(1, f.queue.running().size());
        f.queue.preempt(s.attemptId(), "room for priority 9");
        assertEquals(AttemptState.PREEMPTED, state(w.id()).attempts().get(0).state());
        assertEquals(WorkloadState.PENDING, state(w.id()).state());
        assertTrue("preemption excludes nothing", f.queue.excludedMembers(w.id(), 0).isEmpty());
        assertEquals(s.attemptId(), f.poll("m1").stop().get(0).attemptId());
        StartAttempt again = bindAndReceive(w.id(), 0, "m1");
        assertEquals(2, again.fencingToken());
        expect(409, () -> f.queue.preempt(s.attemptId(), "twice"));
    }

    @Test
    public void restartResumesDeliveryAndKeepsAttemptsValid() throws Exception {
        Workload w = submit(2, 1, null);
        StartAttempt running = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", running.attemptId(), AttemptEvent.running(1));
        String undelivered = f.queue.bind(f.demand(w.id(), 1), "m2", "p");
        f.restart();
        assertEquals("the attempt bound before the restart is handed out after it", undelivered,
                f.poll("m2").start().get(0).attemptId());
        assertEquals(1000, f.allocations.of("m1").cpuMillis() + f.allocations.of("m2").cpuMillis());
        f.agent.reportAttempt("m1", running.attemptId(), ok(1, 1));
        f.agent.reportAttempt("m2", undelivered, ok(1, 1));
        assertEquals(WorkloadState.SUCCEEDED, state(w.id()).state());
        f.restart();
        assertEquals(WorkloadState.SUCCEEDED, state(w.id()).state());
        assertEquals(1.0, f.credits.statement("m1").balance(), 1e-9);
        assertEquals(1, f.workloads.count());
    }

    @Test
    public void offlineMemberSeenAtStartLosesItsAttempts() throws Exception {
        Workload w = submit(null, 1, null);
        bindAndReceive(w.id(), 0, "m1");
        f.members.state("m1", org.sharercloud.api.members.MemberState.OFFLINE);
        f.restart();
        assertEquals(AttemptState.LOST, state(w.id()).attempts().get(0).state());
        assertEquals(WorkloadState.PENDING, state(w.id()).state());
    }

    @Test
    public void onlyOwnerOrAdminSeesAWorkload() {
        Workload w = submit(null, null, null);
        expect(404, () -> f.workloads.get(BOB, w.id()));
        expect(404, () -> f.workloads.cancel(BOB, w.id()));
        expect(404, () -> f.workloads.logs(BOB, w.id(), 0, Duration.ZERO));
        assertTrue(f.workloads.list(BOB).isEmpty());
        assertEquals(w.id(), f.workloads.get(ADMIN, w.id()).id());
        assertEquals(1, f.workloads.list(ADMIN).size());
        expect(403, () -> f.workloads.submit(new Principal("m1", Role.MEMBER), WorkloadSpec.job("busybox", List.of("true"))));
        expect(404, () -> f.workloads.get(ALICE, "nope"));
    }

    @Test
    public void aRequestorWithTooManyUnfinishedWorkloadsGets429UntilOneFinishes() throws Exception {
        f.close();
        f = new Fixture();
        f.maxActivePerOwner = 2;
        f.restart();
        Workload first = f.workloads.submit(ALICE, WorkloadSpec.job("busybox", List.of("true")));
        f.workloads.submit(ALICE, WorkloadSpec.job("busybox", List.of("true")));
        ApiException e = expect(429, () -> f.workloads.submit(ALICE, WorkloadSpec.job("busybox", List.of("true"))));
        assertTrue(e.getMessage(), e.getMessage().contains("2 unfinished workloads"));
        assertEquals("nothing stored", 2, f.workloads.list(ALICE).size());
        f.workloads.submit(BOB, WorkloadSpec.job("busybox", List.of("true")));
        f.workloads.submit(ADMIN, WorkloadSpec.job("busybox", List.of("true")));
        f.workloads.submit(ADMIN, WorkloadSpec.job("busybox", List.of("true")));
        f.workloads.cancel(ALICE, first.id());
        f.workloads.submit(ALICE, WorkloadSpec.job("busybox", List.of("true")));
    }

    @Test
    public void priorityAboveTheTokensGrantIsRefusedNamingPriorityAndNothingIsStored() {
        WorkloadSpec urgent = new WorkloadSpec(null, "busybox", List.of("true"), null, null, null, null, null, null, null, null, 500,
                WorkloadKind.JOB);
        ApiException e = expect(403, () -> f.workloads.submit(ALICE, urgent));
        assertEquals("priority", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("grant of 0"));
        assertTrue(f.workloads.list(ADMIN).isEmpty());
        assertEquals(500, f.workloads.submit(new Principal("alice", Role.REQUESTOR, 500), urgent).spec().priority().intValue());
        assertEquals(500, f.workloads.submit(ADMIN, urgent).spec().priority().intValue());
        expect(403, () -> f.workloads.submit(new Principal("alice", Role.REQUESTOR, 499), urgent));
    }

    @Test
    public void badEventsAreRefusedWithTheField() throws Exception {
        Workload w = submit(null, null, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        assertEquals("type", expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(),
                new AttemptEvent(1, "BOGUS", null, null, null, null, null, null, null, null, null))).field());
        assertEquals("stream", expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "x", "t"))).field());
        assertEquals("outcome", expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(),
                AttemptEvent.result(1, 0, "MAYBE", null, 1, 1, null, null))).field());
        byte[] tar = {1, 2, 3};
        assertEquals("outputsSha256", expect(400, () -> f.agent.reportAttempt("m1", s.attemptId(),
                AttemptEvent.result(1, 0, "SUCCEEDED", null, 1, 1, tar, "0".repeat(64)))).field());
        expect(413, () -> f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.result(1, 0, "SUCCEEDED", null, 1, 1,
                new byte[64 * 1024 + 1], "0".repeat(64))));
        Workload after = state(w.id());
        assertEquals("nothing changed", AttemptState.SCHEDULED, after.attempts().get(0).state());
        assertNull(after.attempts().get(0).outputsSha256());
    }

    @Test
    public void logsAreCappedPerAttemptAndFollowWakesUp() throws Exception {
        f.close();
        f = new Fixture();
        f.logMaxBytes = 10;
        f.restart();
        Workload w = submit(null, null, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        CompletableFuture<LogPage> follower = CompletableFuture.supplyAsync(() -> f.workloads.logs(ALICE, w.id(), 0, Duration.ofSeconds(30)));
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "stdout", "12345"));
        LogPage first = follower.get(10, TimeUnit.SECONDS);
        assertEquals("12345", first.chunks().get(0).text());
        assertFalse(first.finished());
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "stderr", "6789012345"));
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "stdout", "dropped"));
        LogPage rest = f.workloads.logs(ALICE, w.id(), first.next(), Duration.ZERO);
        assertEquals(1, rest.chunks().size());
        assertTrue(rest.chunks().get(0).text(), rest.chunks().get(0).text().startsWith("67890" + AgentGatewayImpl.LOG_MARKER.substring(0, 3)));
        assertEquals("stderr", rest.chunks().get(0).stream());
    }

    @Test
    public void anAsynchronousFollowerHoldsNoThreadAndWakesForItsOwnWorkloadOnly() throws Exception {
        Workload w = submit(null, null, null);
        Workload other = submit(null, null, null);
        StartAttempt s = bindAndReceive(w.id(), 0, "m1");
        StartAttempt o = bindAndReceive(other.id(), 0, "m1");
        expect(404, () -> f.workloads.awaitLogs(BOB, w.id(), 0, Duration.ofSeconds(30)));
        CompletableFuture<String> thread = new CompletableFuture<>();
        CompletableFuture<LogPage> follower = f.workloads.awaitLogs(ALICE, w.id(), 0, Duration.ofSeconds(30)).toCompletableFuture()
                .whenComplete((p, e) -> thread.complete(Thread.currentThread().getName()));
        assertFalse("nothing to read yet: parked", follower.isDone());
        f.agent.reportAttempt("m1", o.attemptId(), AttemptEvent.log(1, "stdout", "not yours"));
        Thread.sleep(200);
        assertFalse("another workload's line does not answer this follower", follower.isDone());
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.log(1, "stdout", "yours"));
        LogPage page = follower.get(10, TimeUnit.SECONDS);
        assertEquals("yours", page.chunks().get(0).text());
        assertTrue("woken on the readers' thread, not the reporting one: " + thread.get(), thread.get().startsWith("sharer-workloads-readers"));
        LogPage empty = f.workloads.awaitLogs(ALICE, w.id(), page.next(), Duration.ofMillis(200)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue("after the wait: an empty page", empty.chunks().isEmpty());
        assertFalse(empty.finished());
        CompletableFuture<LogPage> last = f.workloads.awaitLogs(ALICE, w.id(), page.next(), Duration.ofSeconds(30)).toCompletableFuture();
        f.workloads.cancel(ALICE, w.id());
        assertTrue("the end of the workload ends the wait", last.get(10, TimeUnit.SECONDS).finished());
    }

    private static org.osgi.service.event.Event offline(String member) {
        return new org.osgi.service.event.Event(org.sharercloud.api.members.MemberEvents.STATE_CHANGED,
                Map.of(org.sharercloud.api.members.MemberEvents.MEMBER_ID, member, org.sharercloud.api.members.MemberEvents.FROM, "ONLINE",
                        org.sharercloud.api.members.MemberEvents.TO, "OFFLINE"));
    }

    @Test
    public void theSchedulerMayLiftExclusionsAndTheRetryBudgetStillEndsIt() throws Exception {
        Workload w = submit(null, 1, null);
        StartAttempt first = bindAndReceive(w.id(), 0, "m1");
        f.agent.reportAttempt("m1", first.attemptId(), failed(1, 3));
        // every member that could run it is excluded: the scheduler binds the demand without its exclusions
        f.queue.bind(f.demand(w.id(), 0).withoutExclusions(), "m1", "retry on a member it failed on before");
        StartAttempt again = f.poll("m1").start().get(0);
        assertEquals(2, again.fencingToken());
        f.agent.reportAttempt("m1", again.attemptId(), failed(2, 3));
        Workload done = state(w.id());
        assertEquals(WorkloadState.FAILED, done.state());
        assertTrue(done.reason(), done.reason().contains("exit 3"));
    }

    @Test
    public void theRuntimeTravelsFromTheSpecToTheDemandAndTheAgent() throws Exception {
        Workload w = f.workloads.submit(ALICE, new org.sharercloud.api.workloads.WorkloadSpec(null, null, List.of("sh", "-c", "echo hi"),
                null, null, null, null, null, null, null, null, null, null, null, "process"));
        assertEquals("process", state(w.id()).spec().runtime());
        assertEquals("process", f.demand(w.id(), 0).runtime());
        assertEquals("process", bindAndReceive(w.id(), 0, "m2").runtime());
        Workload docker = submit(null, null, null);
        assertEquals("docker", f.demand(docker.id(), 0).runtime());
    }
}
