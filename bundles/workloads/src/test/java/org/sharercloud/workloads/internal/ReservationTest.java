package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ALICE;
import static org.sharercloud.workloads.internal.Fixture.BOB;
import static org.sharercloud.workloads.internal.Fixture.expect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.workloads.ExecRequest;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.workloads.ReservationRequest;
import org.sharercloud.api.workloads.ReservationState;

/** Reserved workers through the agent protocol: reserve, exec round trip, privacy, release, loss. */
public class ReservationTest {
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
    }

    @After
    public void close() {
        f.close();
    }

    private Reservation reserveReady(String member) throws Exception {
        Reservation r = f.reservations.reserve(ALICE, new ReservationRequest(member, "busybox:1.36", Map.of("X", "1"), 250, 64));
        assertEquals(ReservationState.REQUESTED, r.state());
        Assignments a = f.poll(member);
        assertEquals(r.id(), a.reserve().get(0).reservationId());
        assertEquals("1", a.reserve().get(0).env().get("X"));
        f.agent.reportReservation(member, r.id(), ReservationEvent.of(ReservationEvent.READY, null));
        return f.reservations.get(ALICE, r.id());
    }

    @Test
    public void execRoundTripThroughTheLongPoll() throws Exception {
        Reservation r = reserveReady("m1");
        assertEquals(ReservationState.READY, r.state());
        assertEquals(250, f.allocations.of("m1").cpuMillis());
        assertEquals(1, f.allocations.of("m1").reservations());
        CompletableFuture<ExecResult> call = CompletableFuture.supplyAsync(
                () -> f.reservations.exec(ALICE, r.id(), new ExecRequest(List.of("ls", "/"), 5)));
        ExecCommand cmd = f.agent.awaitAssignments("m1", 30, false).toCompletableFuture().get(10, TimeUnit.SECONDS).exec().get(0);
        assertEquals(List.of("ls", "/"), cmd.command());
        assertEquals(5, cmd.timeoutSeconds());
        f.agent.reportReservation("m1", r.id(), ReservationEvent.execResult(cmd.execId(), 0, "bin\netc\n", "", false));
        ExecResult res = call.get(10, TimeUnit.SECONDS);
        assertEquals(0, res.exitCode());
        assertEquals("bin\netc\n", res.stdout());
    }

    @Test
    public void aRequestorHoldingItsQuotaOfWorkersGets429UntilItReleasesOne() throws Exception {
        f.close();
        f = new Fixture();
        f.maxReservationsPerOwner = 2;
        f.restart();
        ReservationRequest small = new ReservationRequest("m1", "busybox:1.36", Map.of(), 10, 16);
        Reservation first = f.reservations.reserve(ALICE, small);
        f.reservations.reserve(ALICE, small);
        ApiException e = expect(429, () -> f.reservations.reserve(ALICE, small));
        assertTrue(e.getMessage(), e.getMessage().contains("2 reserved workers"));
        assertEquals("nothing stored", 2, f.reservations.list(ALICE).size());
        f.reservations.reserve(BOB, small);
        f.reservations.release(ALICE, first.id());
        f.agent.reportReservation("m1", first.id(), ReservationEvent.of(ReservationEvent.RELEASED, null));
        f.reservations.reserve(ALICE, small);
    }

    @Test
    public void aReservedWorkerHeldPastItsTimeLimitIsReleasedWithTheReason() throws Exception {
        Reservation r = reserveReady("m1");
        ReservationExpiry expiry = new ReservationExpiry(f.core, true);
        assertEquals("24 h by default: not yet", 0, expiry.expire(System.currentTimeMillis() + 23 * 3_600_000L));
        assertEquals(1, expiry.expire(System.currentTimeMillis() + 25 * 3_600_000L));
        Reservation released = f.reservations.get(ALICE, r.id());
        assertEquals(ReservationState.RELEASING, released.state());
        assertTrue(released.reason(), released.reason().contains("time limit of 24 h"));
        assertEquals(r.id(), f.poll("m1").release().get(0).reservationId());
        assertEquals("once", 0, expiry.expire(System.currentTimeMillis() + 25 * 3_600_000L));
    }

    @Test
    public void otherRequestorsSeeNothing() throws Exception {
        Reservation r = reserveReady("m1");
        expect(404, () -> f.reservations.get(BOB, r.id()));
        expect(404, () -> f.reservations.exec(BOB, r.id(), new ExecRequest(List.of("id"), 5)));
        expect(404, () -> f.reservations.release(BOB, r.id()));
        assertTrue(f.reservations.list(BOB).isEmpty());
        assertEquals(1, f.reservations.list(ALICE).size());
        expect(404, () -> f.agent.reportReservation("m2", r.id(), ReservationEvent.of(ReservationEvent.READY, null)));
    }

    @Test
    public void releaseReachesTheAgentAndFreesTheMember() throws Exception {
        Reservation r = reserveReady("m1");
        assertEquals(ReservationState.RELEASING, f.reservations.release(ALICE, r.id()).state());
        assertEquals(r.id(), f.poll("m1").release().get(0).reservationId());
        f.agent.reportReservation("m1", r.id(), ReservationEvent.of(ReservationEvent.RELEASED, null));
        assertEquals(ReservationState.RELEASED, f.reservations.get(ALICE, r.id()).state());
        assertEquals(0, f.allocations.of("m1").cpuMillis());
        expect(409, () -> f.reservations.release(ALICE, r.id()));
        expect(409, () -> f.reservations.exec(ALICE, r.id(), new ExecRequest(List.of("id"), 5)));
        assertTrue(f.reservations.list(ALICE).isEmpty());
    }

    @Test
    public void badRequestsAndUnavailableMembers() {
        assertEquals("memberId", expect(400, () -> f.reservations.reserve(ALICE, new ReservationRequest(null, "busybox", null, null, null))).field());
        assertEquals("image", expect(400, () -> f.reservations.reserve(ALICE, new ReservationRequest("m1", "Bad Image", null, null, null))).field());
        assertEquals("cpuMillis", expect(400, () -> f.reservations.reserve(ALICE, new ReservationRequest("m1", "busybox", null, 0, null))).field());
        expect(404, () -> f.reservations.reserve(ALICE, new ReservationRequest("nobody", "busybox", null, null, null)));
        f.members.state("m2", MemberState.DRAINING);
        expect(409, () -> f.reservations.reserve(ALICE, new ReservationRequest("m2", "busybox", null, null, null)));
        expect(409, () -> f.reservations.reserve(ALICE, new ReservationRequest("m1", "busybox", null, 64000, null)));
        f.members.put(org.sharercloud.testing.FakeMemberService.member("m3", MemberState.ONLINE, false));
        assertTrue(expect(409, () -> f.reservations.reserve(ALICE, new ReservationRequest("m3", "busybox", null, null, null)))
                .getMessage().contains("no reachable Docker engine"));
    }

    @Test
    public void memberGoingOfflineLosesTheWorker() throws Exception {
        Reservation r = reserveReady("m1");
        new MemberStateListener(f.core).handleEvent(new org.osgi.service.event.Event(org.sharercloud.api.members.MemberEvents.STATE_CHANGED,
                Map.of(org.sharercloud.api.members.MemberEvents.MEMBER_ID, "m1", org.sharercloud.api.members.MemberEvents.TO, "OFFLINE")));
        assertEquals(ReservationState.LOST, f.reservations.get(ALICE, r.id()).state());
        assertEquals(0, f.allocations.of("m1").reservations());
        expect(409, () -> f.reservations.exec(ALICE, r.id(), new ExecRequest(List.of("id"), 5)));
        f.restart();
        assertEquals("still lost after a restart", ReservationState.LOST, f.reservations.get(ALICE, r.id()).state());
    }
}
