package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ALICE;
import static org.sharercloud.workloads.internal.Fixture.BOB;
import static org.sharercloud.workloads.internal.Fixture.expect;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.ReplicaUsage;
import org.sharercloud.api.workloads.ServiceLoad;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/** Scaling services up and down over the real store, autoscaling policies at submit, and live usage. */
public class ServiceScalingTest {
    private Fixture f;
    private ServiceScalerImpl scaler;

    @Before
    public void open() throws Exception {
        f = new Fixture();
        scaler = new ServiceScalerImpl(f.core);
    }

    @After
    public void close() {
        f.close();
    }

    private static WorkloadSpec service(Integer replicas, AutoscalePolicy p) {
        return new WorkloadSpec("web", "busybox:1.36", List.of("httpd", "-f"), null, 1000, 64, 600, replicas, 0, null, null, null,
                WorkloadKind.SERVICE, p);
    }

    private List<Integer> pendingReplicas(String id) {
        return f.queue.pending().stream().filter(d -> d.workloadId().equals(id)).map(Demand::replica).sorted().collect(Collectors.toList());
    }

    private List<Attempt> live(String id) {
        return f.workloads.get(ALICE, id).attempts().stream().filter(a -> !a.state().isFinal()).collect(Collectors.toList());
    }

    private StartAttempt runReplica(String id, int replica, String member) throws Exception {
        String attemptId = f.queue.bind(f.demand(id, replica), member, "test");
        StartAttempt s = f.poll(member).start().stream().filter(x -> x.attemptId().equals(attemptId)).findFirst().orElseThrow();
        f.agent.reportAttempt(member, attemptId, AttemptEvent.running(s.fencingToken()));
        return s;
    }

    @Test
    public void policyIsStoredWithDefaultsAndReplicasClampedIntoBounds() {
        Workload w = f.workloads.submit(ALICE, service(1, new AutoscalePolicy(2, null, null, null)));
        AutoscalePolicy p = w.spec().autoscaling();
        assertEquals(new AutoscalePolicy(2, 10, 70, false), p);
        assertEquals("replicas below min start at min", 2, w.spec().replicas().intValue());
        assertEquals(List.of(0, 1), pendingReplicas(w.id()));
        assertNotNull(w.autoscale());
        assertEquals(2, w.autoscale().currentReplicas());
        assertNull(w.autoscale().lastDecision());

        Workload big = f.workloads.submit(ALICE, service(50, AutoscalePolicy.predictive(1, 3, 60)));
        assertEquals(3, big.spec().replicas().intValue());
        assertTrue(big.spec().autoscaling().isPredictive());
        assertEquals(3, f.workloads.get(ALICE, big.id()).spec().replicas().intValue());
        Workload plain = f.workloads.submit(ALICE, service(2, null));
        assertNull(plain.spec().autoscaling());
        assertNull(plain.autoscale());
        assertEquals(List.of(w.id(), big.id()), scaler.autoscaled().stream().map(ServiceLoad::workloadId).toList());
    }

    @Test
    public void badPoliciesAreRefusedNamingTheField() {
        assertEquals("autoscaling", field(new WorkloadSpec(null, "busybox:1.36", List.of("true"), null, null, null, null, null, null,
                null, null, null, WorkloadKind.JOB, AutoscalePolicy.reactive(1, 2, 50))));
        assertEquals("autoscaling", field(new WorkloadSpec(null, "busybox:1.36", List.of("true"), null, null, null, null, null, null,
                null, null, null, null, AutoscalePolicy.reactive(1, 2, 50))));
        assertEquals("autoscaling.minReplicas", field(service(1, AutoscalePolicy.reactive(0, 2, 50))));
        assertEquals("autoscaling.minReplicas", field(service(1, AutoscalePolicy.reactive(101, 101, 50))));
        assertEquals("autoscaling.maxReplicas", field(service(1, AutoscalePolicy.reactive(1, 101, 50))));
        assertEquals("autoscaling.maxReplicas", field(service(1, AutoscalePolicy.reactive(5, 4, 50))));
        assertEquals("autoscaling.targetCpuPercent", field(service(1, AutoscalePolicy.reactive(1, 4, 0))));
        assertEquals("autoscaling.targetCpuPercent", field(service(1, AutoscalePolicy.reactive(1, 4, 101))));
        assertTrue(f.workloads.list(ALICE).isEmpty());
    }

    private String field(WorkloadSpec spec) {
        return expect(400, () -> f.workloads.submit(ALICE, spec)).field();
    }

    @Test
    public void scaleUpAddsPendingReplicasAndScaleDownStopsTheHighestCleanly() throws Exception {
        Workload w = f.workloads.submit(ALICE, service(2, AutoscalePolicy.reactive(1, 5, 50)));
        StartAttempt r0 = runReplica(w.id(), 0, "m1");
        StartAttempt r1 = runReplica(w.id(), 1, "m2");
        f.events.clear();

        Workload up = scaler.scale(w.id(), 4, "test says so");
        assertEquals(4, up.spec().replicas().intValue());
        assertEquals("2 -> 4: test says so", up.autoscale().lastDecision());
        assertNotNull(up.autoscale().decidedAt());
        assertEquals(List.of(2, 3), pendingReplicas(w.id()));
        assertTrue("scaling up asks the scheduler for a pass", f.events.topics().contains(org.sharercloud.api.scheduler.SchedulerEvents.TRIGGER));
        StartAttempt r3 = runReplica(w.id(), 3, "m3");
        assertEquals(3, live(w.id()).size());

        Workload down = scaler.scale(w.id(), 1, "load fell");
        assertEquals(1, down.spec().replicas().intValue());
        assertEquals(List.of(), pendingReplicas(w.id()));
        assertEquals(List.of(r0.attemptId()), live(w.id()).stream().map(Attempt::id).toList());
        Attempt stopped = down.attempts().stream().filter(a -> a.id().equals(r1.attemptId())).findFirst().orElseThrow();
        assertEquals(AttemptState.CANCELLED, stopped.state());
        assertTrue(stopped.reason(), stopped.reason().startsWith("scaled down from 4 to 1"));
        Assignments m2 = f.poll("m2");
        assertEquals(List.of(r1.attemptId()), m2.stop().stream().map(s -> s.attemptId()).toList());
        assertEquals(List.of(r3.attemptId()), f.poll("m3").stop().stream().map(s -> s.attemptId()).toList());
        assertEquals(0, f.allocations.of("m2").cpuMillis());
        // the agent confirms the stop; the replica is not retried and the service keeps running
        expect(409, () -> f.agent.reportAttempt("m2", r1.attemptId(),
                AttemptEvent.result(r1.fencingToken(), -1, "CANCELLED", "stopped", 1, 1, null, null)));
        assertTrue(f.poll("m2").stop().isEmpty());
        assertEquals(List.of(), pendingReplicas(w.id()));
        assertEquals(WorkloadState.RUNNING, f.workloads.get(ALICE, w.id()).state());

        // back up: replica 1 returns with a newer fencing token than its stopped attempt's
        scaler.scale(w.id(), 2, "load rose");
        assertEquals(List.of(1), pendingReplicas(w.id()));
        StartAttempt again = runReplica(w.id(), 1, "m2");
        assertEquals(r1.fencingToken() + 1, again.fencingToken());

        // the count survives a restart
        f.restart();
        scaler = new ServiceScalerImpl(f.core);
        Workload after = f.workloads.get(ALICE, w.id());
        assertEquals(2, after.spec().replicas().intValue());
        assertEquals("1 -> 2: load rose", after.autoscale().lastDecision());
        assertEquals(2, live(w.id()).size());
        assertEquals(List.of(), pendingReplicas(w.id()));
    }

    @Test
    public void scaleChecksBoundsKindOwnerAndState() {
        Workload w = f.workloads.submit(ALICE, service(2, AutoscalePolicy.reactive(2, 3, 50)));
        assertEquals("replicas", expect(400, () -> scaler.scale(w.id(), 4, "x")).field());
        assertEquals("replicas", expect(400, () -> f.workloads.scale(ALICE, w.id(), 1)).field());
        expect(404, () -> f.workloads.scale(BOB, w.id(), 3));
        expect(404, () -> scaler.scale("nope", 3, "x"));
        assertEquals(3, f.workloads.scale(ALICE, w.id(), 3).spec().replicas().intValue());
        assertEquals("2 -> 3: set by alice", f.workloads.get(ALICE, w.id()).autoscale().lastDecision());
        Workload job = f.workloads.submit(ALICE, WorkloadSpec.job("busybox:1.36", List.of("true")));
        expect(409, () -> f.workloads.scale(ALICE, job.id(), 2));
        Workload plain = f.workloads.submit(ALICE, service(1, null));
        assertEquals(5, f.workloads.scale(ALICE, plain.id(), 5).spec().replicas().intValue());
        assertEquals(List.of(0, 1, 2, 3, 4), pendingReplicas(plain.id()));
        f.workloads.cancel(ALICE, w.id());
        expect(409, () -> scaler.scale(w.id(), 2, "x"));
        assertFalse(scaler.autoscaled().stream().anyMatch(l -> l.workloadId().equals(w.id())));
        ApiException e = expect(400, () -> f.workloads.scale(ALICE, plain.id(), 0));
        assertEquals("replicas", e.field());
    }

    @Test
    public void liveUsageGivesCoresBetweenReports() throws Exception {
        Workload w = f.workloads.submit(ALICE, service(1, AutoscalePolicy.reactive(1, 3, 50)));
        StartAttempt s = runReplica(w.id(), 0, "m1");
        ServiceLoad before = scaler.autoscaled().get(0);
        assertEquals(1, before.running().size());
        assertTrue("no report yet: unknown", Double.isNaN(before.running().get(0).cpuCores()));
        f.core.engine().usage().record(s.attemptId(), 10.0, 1_000_000);
        f.core.engine().usage().record(s.attemptId(), 25.0, 1_010_000);
        ReplicaUsage u = scaler.autoscaled().get(0).running().get(0);
        assertEquals(1.5, u.cpuCores(), 1e-9);
        assertEquals(25.0, u.cpuSeconds(), 1e-9);
        assertEquals(1000, scaler.autoscaled().get(0).cpuMillis());
        // a report through the agent protocol is recorded as the newest sample
        f.elapse(java.time.Duration.ofMinutes(1));
        f.agent.reportAttempt("m1", s.attemptId(), AttemptEvent.usage(s.fencingToken(), 30.0, 12));
        ReplicaUsage fromAgent = scaler.autoscaled().get(0).running().get(0);
        assertEquals(30.0, fromAgent.cpuSeconds(), 1e-9);
        assertNotNull(fromAgent.sampledAt());
    }
}
