package org.sharercloud.workloads.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.store.internal.StoreComponent;
import org.sharercloud.testing.Configs;
import org.sharercloud.testing.FakeMemberService;
import org.sharercloud.testing.RecordingEventAdmin;
import org.sharercloud.testing.TestStores;

/**
 * The real workloads services over the real store on an in-memory Derby database, with the
 * collaborators (members module, EventAdmin) faked: members m1, m2 and m3 ONLINE with plenty of room.
 * {@link #restart()} closes the module and opens it again on the same database, as a coordinator restart
 * would.
 */
final class Fixture implements AutoCloseable {
    static final Principal ALICE = new Principal("alice", Role.REQUESTOR);
    static final Principal BOB = new Principal("bob", Role.REQUESTOR);
    static final Principal ADMIN = new Principal("admin", Role.ADMIN);

    final StoreComponent store;
    final RecordingEventAdmin events = new RecordingEventAdmin();
    final FakeMemberService members = new FakeMemberService().set(List.of(FakeMemberService.member("m1", MemberState.ONLINE),
            FakeMemberService.member("m2", MemberState.ONLINE), FakeMemberService.member("m3", MemberState.ONLINE)));
    double creditWeight = 1.0;
    long logMaxBytes = 1 << 20;
    WorkloadsCore core;
    WorkloadServiceImpl workloads;
    SchedulingQueueImpl queue;
    AgentGatewayImpl agent;
    ReservationServiceImpl reservations;
    CreditServiceImpl credits;
    AllocationTrackerImpl allocations;

    /** By default the real clock, moved forward by {@link #elapse}: reported CPU time is bounded by the time since an attempt was handed out. */
    final java.util.concurrent.atomic.AtomicLong skewMillis = new java.util.concurrent.atomic.AtomicLong();
    java.time.Clock clock = new java.time.Clock() { // tests may put a ManualClock here before restart()
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(System.currentTimeMillis() + skewMillis.get());
        }
    };

    Fixture() throws Exception {
        store = TestStores.create("wl", 8);
        open();
    }

    void open() {
        core = new WorkloadsCore(store, config(), clock);
        core.setEvents(events);
        new MemberStateListener(core).setMembers(members);
        workloads = new WorkloadServiceImpl(core);
        queue = new SchedulingQueueImpl(core);
        agent = new AgentGatewayImpl(core);
        reservations = new ReservationServiceImpl(core);
        reservations.setMembers(members);
        credits = new CreditServiceImpl(core);
        allocations = new AllocationTrackerImpl(core);
    }

    /** Lets {@code d} pass at once (as if the attempts ran that long). */
    void elapse(java.time.Duration d) {
        skewMillis.addAndGet(d.toMillis());
    }

    /** Closes the module and opens it again on the same database. */
    void restart() {
        core.close();
        open();
    }

    @Override
    public void close() {
        core.close();
        TestStores.drop(store);
    }

    /** The only pending demand of a workload's replica, failing when there is none. */
    Demand demand(String workloadId, int replica) {
        return queue.pending().stream().filter(d -> d.workloadId().equals(workloadId) && d.replica() == replica).findFirst()
                .orElseThrow(() -> new AssertionError("no pending demand for " + workloadId + "#" + replica + " in " + queue.pending()));
    }

    /** What the member's agent gets from a poll that does not wait. */
    Assignments poll(String memberId) throws Exception {
        return agent.awaitAssignments(memberId, 0, false).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static ApiException expect(int status, Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            if (e.status() != status) {
                throw new AssertionError("expected " + status + " but got " + e.status() + ": " + e.getMessage(), e);
            }
            return e;
        }
        throw new AssertionError("expected an ApiException " + status);
    }

    int maxActivePerOwner = 1000;
    int maxReservationsPerOwner = 10;
    long storageMaxBytesPerOwner = 0;

    WorkloadsConfig config() {
        return Configs.of(WorkloadsConfig.class, Map.of("credit.weight", creditWeight, "spec.max.bytes", 64 * 1024,
                "inputs.max.bytes", 16 * 1024, "outputs.max.bytes", 64 * 1024, "log.max.bytes", logMaxBytes,
                "redeliver.seconds", 30, "exec.max.seconds", 30, "max.active.per.owner", maxActivePerOwner,
                "max.reservations.per.owner", maxReservationsPerOwner, "storage.max.bytes.per.owner", storageMaxBytesPerOwner));
    }
}
