package org.sharercloud.contributor.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.agent.StopAttempt;
import org.sharercloud.contributor.internal.FakeWorkCoordinator.Posted;
import org.sharercloud.contributor.internal.exec.Execution;
import org.sharercloud.contributor.internal.exec.RuntimeLabels;
import org.sharercloud.contributor.internal.exec.RuntimeRegistry;
import org.sharercloud.contributor.internal.host.HostProbe;
import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.MemberIdentity;

/**
 * The agent's execution side against a fake coordinator on 127.0.0.1 and a fake runtime: the long-poll,
 * the events of a run, stop, fencing refusals, retries, the policy's limit on concurrent runs, and
 * reserved workers.
 */
public class ExecutionTest {
    private static final MemberIdentity ME = new MemberIdentity("m-1", "m.m-1.secret", URI.create("http://127.0.0.1"));

    private FakeWorkCoordinator coordinator;
    private FakeRuntime docker;
    private RuntimeRegistry runtimes;
    private Execution execution;
    private volatile MemberIdentity identity = ME;

    @Before
    public void setUp() throws Exception {
        coordinator = new FakeWorkCoordinator();
        docker = new FakeRuntime("docker");
        runtimes = new RuntimeRegistry("docker");
        runtimes.add("docker", docker);
    }

    @After
    public void tearDown() throws Exception {
        if (execution != null) {
            execution.stop();
        }
        coordinator.close();
    }

    private void startAgent(double cpuShare) {
        TestConfig c = new TestConfig();
        c.url = coordinator.url();
        c.cpuShare = cpuShare;
        c.memoryMb = 4096;
        c.retryMax = 1;
        AgentSettings settings = AgentSettings.from(c.config(), Map.of());
        execution = new Execution(settings.budget(new Probe(Map.of())), settings.retryMax(), () -> identity, runtimes, new CoordinatorClient(settings.coordinator()),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 0.5), 1, 20);
        execution.start();
    }

    private static StartAttempt start(String id, long token, int cpuMillis) {
        return new StartAttempt(id, "w-" + id, 0, token, "sharer/busybox:test", List.of("sh", "-c", "echo hi"), Map.of("A", "1"),
                cpuMillis, 64, 30, Map.of("in.txt", "hello".getBytes(StandardCharsets.UTF_8)), 4096);
    }

    private static Assignments starts(StartAttempt... s) {
        return new Assignments(List.of(s), List.of(), List.of(), List.of(), List.of());
    }

    private static Assignments stops(StopAttempt... s) {
        return new Assignments(List.of(), List.of(s), List.of(), List.of(), List.of());
    }

    private RunListener listener(String attemptId) throws InterruptedException {
        await(() -> docker.listeners.containsKey(attemptId), "the runtime starts " + attemptId);
        return docker.listeners.get(attemptId);
    }

    private static List<String> types(List<Posted> events) {
        return events.stream().map(Posted::type).collect(Collectors.toList());
    }

    @Test
    public void cleansUpThenPollsWithResyncFirstAndRunsAStartReportingEveryEvent() throws Exception {
        startAgent(0.5);
        await(() -> coordinator.polls.size() >= 2, "two polls");
        assertEquals("leftovers cleaned once before the first poll", 1, docker.cleanups.get());
        assertTrue("first poll resyncs", coordinator.polls.get(0));
        assertFalse("later polls do not", coordinator.polls.get(1));

        coordinator.toHandOut.add(starts(start("a-1", 3, 500)));
        RunListener run = listener("a-1");
        RunSpec spec = docker.specs.get(0);
        assertEquals("a-1", spec.attemptId());
        assertEquals(List.of("sh", "-c", "echo hi"), spec.command());
        assertEquals(Map.of("A", "1"), spec.env());
        assertEquals(500, spec.cpuMillis());
        assertEquals(64, spec.memoryMb());
        assertEquals(30, spec.timeoutSeconds());
        assertEquals(4096, spec.maxOutputBytes());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), spec.inputs().get("in.txt"));

        run.started();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            run.output(false, "line " + i + "\n");
            expected.append("line ").append(i).append('\n');
        }
        run.output(true, "oops\n");
        byte[] tar = "pretend this is a tar".getBytes(StandardCharsets.UTF_8);
        RunResult result = new RunResult(0, RunResult.SUCCEEDED, null, 1.5, 42, tar);
        run.finished(result);
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "the RESULT");

        List<Posted> events = coordinator.eventsOf("a-1");
        assertTrue("every event carries the member credential", events.stream().allMatch(p -> p.credential().equals(ME.credential())));
        assertTrue("every event carries the fencing token", events.stream().allMatch(p -> p.body().path("fencingToken").asLong() == 3));
        assertEquals("RUNNING first", "RUNNING", events.get(0).type());
        assertEquals("RESULT last", "RESULT", events.get(events.size() - 1).type());
        List<Posted> logs = events.stream().filter(p -> p.type().equals("LOG")).collect(Collectors.toList());
        assertTrue("200 lines are batched into a few LOG events, got " + logs.size(), logs.size() <= 20);
        String stdout = logs.stream().filter(p -> p.body().path("stream").asText().equals("stdout"))
                .map(p -> p.body().path("text").asText()).collect(Collectors.joining());
        assertEquals("stdout arrives whole and in order", expected.toString(), stdout);
        Posted err = logs.get(logs.size() - 1);
        assertEquals("stderr", err.body().path("stream").asText());
        assertEquals("oops\n", err.body().path("text").asText());

        Posted r = events.get(events.size() - 1);
        assertEquals("SUCCEEDED", r.body().path("outcome").asText());
        assertEquals(0, r.body().path("exitCode").asInt());
        assertEquals(1.5, r.body().path("cpuSeconds").asDouble(), 0);
        assertEquals(42, r.body().path("peakMemoryMb").asLong());
        assertArrayEquals(tar, Base64.getDecoder().decode(r.body().path("outputs").asText()));
        assertEquals(result.outputsSha256(), r.body().path("outputsSha256").asText());
        assertEquals("no other runtime cleanup", 1, docker.cleanups.get());
    }

    @Test
    public void aRedeliveredStartIsIgnored() throws Exception {
        startAgent(0.5);
        coordinator.toHandOut.add(starts(start("a-1", 1, 100)));
        listener("a-1");
        coordinator.toHandOut.add(starts(start("a-1", 1, 100), start("a-2", 1, 100)));
        listener("a-2");
        assertEquals("a-1 started once", 1, docker.specs.stream().filter(s -> s.attemptId().equals("a-1")).count());
        docker.listeners.get("a-1").finished(new RunResult(0, RunResult.SUCCEEDED, null, 0, 0, null));
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "the RESULT");
        coordinator.toHandOut.add(starts(start("a-1", 1, 100)));
        coordinator.toHandOut.add(Assignments.NONE);
        await(() -> coordinator.toHandOut.isEmpty(), "the late redelivery handed out");
        assertEquals("a finished attempt is not started again", 1, docker.specs.stream().filter(s -> s.attemptId().equals("a-1")).count());
    }

    @Test
    public void aStopCancelsTheRunAndItsCancelledResultIsTheAcknowledgement() throws Exception {
        startAgent(0.5);
        coordinator.toHandOut.add(starts(start("a-1", 2, 100)));
        listener("a-1").started();
        coordinator.attemptAnswers.put("a-1", 409); // from now on the attempt is final at the coordinator
        coordinator.toHandOut.add(stops(new StopAttempt("a-1", 2, "cancelled by alice")));
        await(() -> docker.cancelled.contains("a-1"), "the run cancelled");
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "the RESULT");
        Posted r = coordinator.eventsOf("a-1").get(coordinator.eventsOf("a-1").size() - 1);
        assertEquals("CANCELLED", r.body().path("outcome").asText());
        assertEquals(2, r.body().path("fencingToken").asLong());

        coordinator.toHandOut.add(stops(new StopAttempt("ghost", 7, "lost")));
        await(() -> !coordinator.eventsOf("ghost").isEmpty(), "an answer to the unknown stop");
        Posted ghost = coordinator.eventsOf("ghost").get(0);
        assertEquals("RESULT", ghost.type());
        assertEquals("CANCELLED", ghost.body().path("outcome").asText());
        assertEquals(-1, ghost.body().path("exitCode").asInt());
        assertEquals(7, ghost.body().path("fencingToken").asLong());
    }

    @Test
    public void aRefusedReportKillsTheAttemptAndDropsItsLaterOutput() throws Exception {
        startAgent(0.5);
        coordinator.attemptAnswers.put("a-1", 409);
        coordinator.toHandOut.add(starts(start("a-1", 1, 100)));
        RunListener run = listener("a-1");
        run.started();
        await(() -> docker.cancelled.contains("a-1"), "the refused attempt killed");
        run.output(false, "late output\n");
        Thread.sleep(400); // longer than a log batch
        assertEquals("only the refused RUNNING was sent", List.of("RUNNING"), types(coordinator.eventsOf("a-1")));
    }

    @Test
    public void unavailableCoordinatorIsRetriedInOrder() throws Exception {
        coordinator.unavailablePolls.set(2);
        coordinator.unavailableEvents.set(2);
        startAgent(0.5);
        coordinator.toHandOut.add(starts(start("a-1", 1, 100)));
        RunListener run = listener("a-1");
        assertEquals("failed polls keep asking for the resync until one succeeds", List.of(true, true, true),
                coordinator.polls.subList(0, 3));
        run.started();
        run.output(false, "x\n");
        run.finished(new RunResult(3, RunResult.FAILED, "exit 3", 0.1, 1, null));
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "the RESULT after 503s");
        assertEquals(List.of("RUNNING", "LOG", "RESULT"), types(coordinator.eventsOf("a-1")));
        Posted r = coordinator.eventsOf("a-1").get(2);
        assertEquals(3, r.body().path("exitCode").asInt());
        assertEquals("FAILED", r.body().path("outcome").asText());
        assertTrue("no outputs", r.body().path("outputs").isNull());
    }

    @Test
    public void aResultAnsweredByACoordinatorStillStartingIsRetriedNotDropped() throws Exception {
        startAgent(0.5);
        coordinator.toHandOut.add(starts(start("a-1", 1, 100)));
        RunListener run = listener("a-1");
        coordinator.notReadyEvents.set(2); // a servlet's 404 before the API's resources are published
        run.finished(new RunResult(0, RunResult.SUCCEEDED, null, 0.1, 1, null));
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "the RESULT delivered after two 404s not from the API");
        assertFalse("the run was not killed as refused", docker.cancelled.contains("a-1"));
    }

    @Test
    public void afterALostContactTheAgentTellsWhatItHoldsAndDropsWhatTheCoordinatorNames() throws Exception {
        startAgent(0.5);
        coordinator.toHandOut.add(starts(start("a-1", 1, 100), start("a-2", 1, 100), start("a-3", 1, 100)));
        listener("a-1");
        listener("a-2");
        RunListener three = listener("a-3");
        coordinator.unavailableEvents.set(1000); // its RESULT cannot be delivered yet
        three.finished(new RunResult(0, RunResult.SUCCEEDED, null, 0.1, 1, null));
        coordinator.resyncDrop = List.of("a-2");
        coordinator.unavailablePolls.set(2); // the coordinator goes away (restarts) and comes back
        coordinator.toHandOut.add(Assignments.NONE);
        await(() -> !coordinator.resyncs.isEmpty(), "a resync after the lost contact");
        assertEquals("running ones and the one whose RESULT is still unanswered", java.util.Set.of("a-1", "a-2", "a-3"),
                new java.util.HashSet<>(coordinator.resyncs.get(0)));
        await(() -> docker.cancelled.contains("a-2"), "the attempt the coordinator named is killed");
        assertFalse(docker.cancelled.contains("a-1"));
        coordinator.unavailableEvents.set(0);
        await(() -> types(coordinator.eventsOf("a-3")).contains("RESULT"), "the RESULT delivered once the coordinator is back");
        assertFalse("the first poll after the agent started resynced, this one reconciled instead",
                coordinator.polls.get(coordinator.polls.size() - 1));
    }

    @Test
    public void concurrentRunsStayWithinThePolicy() throws Exception {
        startAgent(0.5); // 2 cores: 1000 millicores
        coordinator.toHandOut.add(starts(start("a-1", 1, 600), start("a-2", 1, 600), start("a-3", 1, 300)));
        RunListener first = listener("a-1");
        Thread.sleep(300);
        assertEquals("a-2 waits for room, and a-3 waits behind it", List.of("a-1"),
                docker.specs.stream().map(RunSpec::attemptId).collect(Collectors.toList()));
        first.finished(new RunResult(0, RunResult.SUCCEEDED, null, 0, 0, null));
        listener("a-2");
        listener("a-3");
        assertEquals(List.of("a-1", "a-2", "a-3"), docker.specs.stream().map(RunSpec::attemptId).collect(Collectors.toList()));
    }

    @Test
    public void aRuntimeThatRefusesTheSpecIsAFailedResult() throws Exception {
        docker.refuseImage = "nope:1";
        startAgent(0.5);
        coordinator.toHandOut.add(starts(new StartAttempt("a-1", "w", 0, 5, "nope:1", List.of(), Map.of(), 100, 64, 30, Map.of(), 0)));
        await(() -> types(coordinator.eventsOf("a-1")).contains("RESULT"), "a RESULT");
        Posted r = coordinator.eventsOf("a-1").get(0);
        assertEquals("FAILED", r.body().path("outcome").asText());
        assertEquals(-1, r.body().path("exitCode").asInt());
        assertTrue(r.body().toString(), r.body().path("reason").asText().contains("not present"));
    }

    @Test
    public void noPollUntilTheConfiguredRuntimeIsThere() throws Exception {
        runtimes.remove("docker", docker);
        startAgent(0.5);
        Thread.sleep(200);
        assertTrue("no work taken without a runtime", coordinator.polls.isEmpty());
        runtimes.add("docker", docker);
        await(() -> !coordinator.polls.isEmpty(), "a poll once the runtime is bound");
        assertTrue(coordinator.polls.get(0));
        assertEquals(1, docker.cleanups.get());

        FakeRuntime replacement = new FakeRuntime("docker");
        runtimes.remove("docker", docker);
        runtimes.add("docker", replacement);
        await(() -> replacement.cleanups.get() == 1, "the new runtime instance cleaned up");
        await(() -> coordinator.polls.stream().filter(resync -> resync).count() == 2, "a resync with the new runtime");
    }

    @Test
    public void aRuntimeThatDoesNotWorkYetIsCleanedUpWhenItDoesWithoutAnotherResync() throws Exception {
        docker.available = false; // no Docker engine on this machine (yet)
        startAgent(0.5);
        await(() -> coordinator.polls.size() >= 2, "polls without a working Docker");
        assertTrue(coordinator.polls.get(0));
        assertEquals("nothing to clean where there is no engine", 0, docker.cleanups.get());
        docker.available = true;
        await(() -> docker.cleanups.get() == 1, "leftovers cleaned once the engine answers");
        int polls = coordinator.polls.size();
        await(() -> coordinator.polls.size() > polls + 1, "more polls");
        assertEquals("running work is not resynced away", 1, coordinator.polls.stream().filter(resync -> resync).count());
    }

    /**
     * The demo's race: the process runtime is enabled while a poll is open, and the coordinator (told by a heartbeat)
     * hands it work in that very poll. Its leftovers are removed before that work starts there, never after (which
     * removed the run just started and failed the attempt).
     */
    @Test
    public void aRuntimeThatStartsWorkingDuringAPollIsCleanedUpBeforeItsFirstRun() throws Exception {
        docker.available = false;
        startAgent(0.5);
        await(() -> coordinator.polls.size() >= 2, "polls without a working runtime");
        int polls = coordinator.polls.size();
        await(() -> coordinator.polls.size() > polls, "the next poll open");
        docker.available = true;
        coordinator.toHandOut.add(starts(start("a-race", 1, 100)));
        listener("a-race");
        await(() -> coordinator.polls.size() > polls + 2, "more polls");
        assertEquals("cleaned once, before the run", List.of("cleanup", "start a-race"), docker.calls);
        assertTrue("the run was not cancelled", docker.cancelled.isEmpty());
    }

    @Test
    public void reservedWorkerReadyExecAndRelease() throws Exception {
        startAgent(0.5);
        coordinator.toHandOut.add(new Assignments(List.of(), List.of(), List.of(new ReserveWorker("r-1", "sharer/busybox:test", Map.of(), 500, 128)),
                List.of(), List.of()));
        await(() -> !coordinator.reservationEventsOf("r-1").isEmpty(), "READY");
        assertEquals("READY", coordinator.reservationEventsOf("r-1").get(0).type());
        assertEquals(128, docker.reserved.get(0).memoryMb());

        ExecCommand ls = new ExecCommand("x-1", "r-1", List.of("ls", "/"), 10, 0);
        coordinator.toHandOut.add(new Assignments(List.of(), List.of(), List.of(), List.of(), List.of(ls, ls)));
        await(() -> coordinator.reservationEventsOf("r-1").size() >= 2, "EXEC_RESULT");
        Posted exec = coordinator.reservationEventsOf("r-1").get(1);
        assertEquals("EXEC_RESULT", exec.type());
        assertEquals("x-1", exec.body().path("execId").asText());
        assertEquals(0, exec.body().path("exitCode").asInt());
        assertEquals("bin\netc\ninput\n", exec.body().path("stdout").asText());

        coordinator.toHandOut.add(new Assignments(List.of(), List.of(), List.of(), List.of(new ReleaseWorker("r-1"), new ReleaseWorker("r-9")),
                List.of(new ExecCommand("x-2", "r-1", List.of("true"), 10, 0))));
        await(() -> docker.released.contains("r-1"), "the sandbox released");
        await(() -> coordinator.reservationEventsOf("r-1").stream().anyMatch(p -> p.type().equals("RELEASED")), "RELEASED");
        await(() -> !coordinator.reservationEventsOf("r-9").isEmpty(), "RELEASED for an unknown worker");
        assertEquals("RELEASED", coordinator.reservationEventsOf("r-9").get(0).type());
        await(() -> coordinator.reservationEventsOf("r-1").stream().anyMatch(p -> p.body().path("execId").asText().equals("x-2")),
                "an answer to the exec after the release");
        assertEquals("the duplicate exec ran once, the late one not at all", 1, docker.execs.size());
        Posted late = coordinator.reservationEventsOf("r-1").stream().filter(p -> p.body().path("execId").asText().equals("x-2")).findFirst()
                .orElseThrow();
        assertEquals(-1, late.body().path("exitCode").asInt());
    }

    @Test
    public void aReadyNobodyWantsIsReleased() throws Exception {
        coordinator.reservationAnswers.put("r-2", 409);
        startAgent(0.5);
        coordinator.toHandOut.add(new Assignments(List.of(), List.of(), List.of(new ReserveWorker("r-2", "sharer/busybox:test", Map.of(), 500, 128)),
                List.of(), List.of()));
        await(() -> docker.released.contains("r-2"), "the unwanted sandbox released");
        assertTrue(execution.workers().held().isEmpty());
    }

    @Test
    public void threadsStayBoundedWhateverTheNumberOfRuns() throws Exception {
        startAgent(1.0);
        List<StartAttempt> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(start("a-" + i, 1, 0));
        }
        coordinator.toHandOut.add(new Assignments(many, List.of(), List.of(), List.of(), List.of()));
        await(() -> docker.listeners.size() == 40, "40 runs started");
        docker.listeners.values().forEach(l -> {
            l.started();
            l.output(false, "hello\n");
            l.finished(new RunResult(0, RunResult.SUCCEEDED, null, 0, 0, null));
        });
        await(() -> coordinator.attemptEvents.stream().filter(p -> p.type().equals("RESULT")).count() == 40, "40 results");
        long agentThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sharer-contributor-")).count();
        assertTrue("a small fixed set of threads, got " + agentThreads, agentThreads <= 8);
    }

    @Test
    public void theProcessLabelIsAdvertisedOnlyWhenTheOwnerEnabledTheProcessRuntime() {
        FakeRuntime process = new FakeRuntime("process");
        RuntimeRegistry viaProcess = new RuntimeRegistry("process");
        Probe probe = new Probe(Map.of("os", "linux"));
        HostInfo none = new RuntimeLabels(probe, viaProcess).host();
        assertNull("no runtime, no label", none.labels().get(RuntimeLabels.PROCESS_LABEL));
        viaProcess.add("process", process);
        process.available = false; // enabled=false in its configuration
        assertNull(new RuntimeLabels(probe, viaProcess).host().labels().get(RuntimeLabels.PROCESS_LABEL));
        process.available = true;
        HostInfo labelled = new RuntimeLabels(probe, viaProcess).host();
        assertEquals("true", labelled.labels().get(RuntimeLabels.PROCESS_LABEL));
        assertEquals("other labels kept", "linux", labelled.labels().get("os"));

        RuntimeRegistry viaDocker = new RuntimeRegistry("docker");
        viaDocker.add("process", process);
        viaDocker.add("docker", docker);
        assertNull("an agent that does not offer it never advertises it",
                new RuntimeLabels(probe, viaDocker).host().labels().get(RuntimeLabels.PROCESS_LABEL));
    }

    @Test
    public void runtimesAreReportedWithWhyOneDoesNotWork() {
        FakeRuntime process = new FakeRuntime("process");
        RuntimeRegistry both = new RuntimeRegistry(List.of("docker", "process"));
        both.add("docker", docker);
        both.add("process", process);
        process.available = false;
        HostInfo h = new RuntimeLabels(new Probe(Map.of(), false), both, "unix:///nowhere/docker.sock").host();
        assertEquals(org.sharercloud.api.members.RuntimeStatus.unavailable("no reachable Docker engine at unix:///nowhere/docker.sock"),
                h.runtimes().get("docker"));
        assertFalse(h.runtimes().get("process").available());
        assertTrue(h.runtimes().get("process").detail(), h.runtimes().get("process").detail().startsWith("no process runtime enabled"));
        assertFalse("dockerAvailable follows the docker runtime", h.dockerAvailable());
        assertEquals("false", h.labels().get("docker"));

        process.available = true;
        HostInfo ok = new RuntimeLabels(new Probe(Map.of(), true), both, "unix:///var/run/docker.sock").host();
        assertEquals(Map.of("docker", org.sharercloud.api.members.RuntimeStatus.ok(), "process",
                org.sharercloud.api.members.RuntimeStatus.ok()), ok.runtimes());
        assertTrue(ok.dockerAvailable());

        both.remove("docker", docker);
        HostInfo gone = new RuntimeLabels(new Probe(Map.of(), true), both, "unix:///var/run/docker.sock").host();
        assertEquals("engine answers, but the runtime bundle is stopped", "no docker runtime service running in this agent",
                gone.runtimes().get("docker").detail());
        assertFalse(gone.dockerAvailable());
    }

    @Test
    public void eachAttemptRunsWithTheRuntimeItNames() throws Exception {
        FakeRuntime process = new FakeRuntime("process");
        runtimes = new RuntimeRegistry(List.of("docker", "process"));
        runtimes.add("docker", docker);
        runtimes.add("process", process);
        startAgent(1.0);
        StartAttempt s = start("p-1", 1, 100);
        coordinator.toHandOut.add(starts(new StartAttempt(s.attemptId(), s.workloadId(), 0, 1, "", s.command(), s.env(), 100, 64, 30,
                Map.of(), 4096, "process"), start("d-1", 1, 100)));
        await(() -> process.listeners.containsKey("p-1") && docker.listeners.containsKey("d-1"), "each run in its runtime");
        assertFalse(docker.listeners.containsKey("p-1"));
        assertEquals(1, process.cleanups.get());

        coordinator.toHandOut.add(starts(new StartAttempt("k-1", "w-k", 0, 1, "", List.of("true"), Map.of(), 100, 64, 30, Map.of(),
                4096, "kvm")));
        await(() -> types(coordinator.eventsOf("k-1")).contains("RESULT"), "a RESULT for the runtime not offered");
        Posted result = coordinator.eventsOf("k-1").get(0);
        assertEquals("FAILED", result.body().path("outcome").asText());
        assertEquals("this machine does not offer the kvm runtime now", result.body().path("reason").asText());
    }

    @Test
    public void sendsUsageWhileTheAttemptRuns() throws Exception {
        startAgent(0.5);
        execution.runs().usageInterval(Duration.ZERO);
        coordinator.toHandOut.add(starts(start("u-1", 4, 500)));
        RunListener run = listener("u-1");
        run.started();
        run.usage(2.5, 33);
        run.usage(5.0, 40);
        await(() -> coordinator.eventsOf("u-1").stream().filter(p -> p.type().equals("USAGE")).count() == 2, "two USAGE events");
        List<Posted> usage = coordinator.eventsOf("u-1").stream().filter(p -> p.type().equals("USAGE")).collect(Collectors.toList());
        assertEquals(2.5, usage.get(0).body().path("cpuSeconds").asDouble(), 1e-9);
        assertEquals(40, usage.get(1).body().path("peakMemoryMb").asLong());
        assertEquals(4, usage.get(1).body().path("fencingToken").asLong());
        assertEquals("still running: no RESULT", List.of("RUNNING", "USAGE", "USAGE"), types(coordinator.eventsOf("u-1")));
        run.finished(new RunResult(0, RunResult.SUCCEEDED, null, 6.0, 41, null));
        await(() -> types(coordinator.eventsOf("u-1")).contains("RESULT"), "the RESULT");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A 2-core, 8 GB machine. */
    private static final class Probe implements HostProbe {
        private final Map<String, String> labels;
        private final boolean docker;

        Probe(Map<String, String> labels) {
            this(labels, true);
        }

        Probe(Map<String, String> labels, boolean docker) {
            this.labels = labels;
            this.docker = docker;
        }

        @Override
        public HostInfo host() {
            return new HostInfo("machine-1", "box-1", "Linux", "amd64", 2, 8192, 50_000, docker, labels);
        }

        @Override
        public HostMetrics sample() {
            return new HostMetrics(0.1, 0.1, 1000, 8192, 50_000, 100);
        }
    }
}
