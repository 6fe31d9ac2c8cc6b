package org.sharercloud.workloads.internal;


import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.workloads.internal.engine.ItemKey;
import org.sharercloud.workloads.internal.store.ReservationRepo;

/** Agent events about reserved workers: READY, FAILED, RELEASED and command results. */
final class ReservationEvents {
    private final WorkloadsCore core;

    ReservationEvents(WorkloadsCore core) {
        this.core = core;
    }

    void report(String memberId, String reservationId, ReservationEvent e) {
        if (e == null || e.type() == null) {
            throw ApiException.badRequest("type", "type must be one of READY, FAILED, RELEASED, EXEC_RESULT");
        }
        if (ReservationEvent.EXEC_RESULT.equals(e.type()) && (e.execId() == null || e.exitCode() == null)) {
            throw ApiException.badRequest(e.execId() == null ? "execId" : "exitCode", "an EXEC_RESULT needs execId and exitCode");
        }
        core.mutate((c, ch) -> {
            ReservationRepo.Row row = reservationId == null ? null : core.repos().reservations().get(c, reservationId);
            if (row == null || !row.reservation().memberId().equals(memberId)) {
                throw ApiException.notFound("reservation " + reservationId + " of member " + memberId);
            }
            Reservation r = row.reservation();
            ReservationState s = r.state();
            long now = core.clock().millis();
            switch (e.type()) {
                case ReservationEvent.READY -> {
                    if (s == ReservationState.REQUESTED) {
                        core.repos().reservations().setState(c, r.id(), ReservationState.READY, null, now);
                    } else if (s != ReservationState.READY && s != ReservationState.RELEASING) {
                        throw ApiException.conflict("reservation " + r.id() + " is " + s + "; release its sandbox");
                    }
                    ch.remove(memberId, ItemKey.reserve(r.id()));
                }
                case ReservationEvent.FAILED -> {
                    if (s != ReservationState.REQUESTED && s != ReservationState.READY) {
                        throw ApiException.conflict("reservation " + r.id() + " is " + s);
                    }
                    core.repos().reservations().setState(c, r.id(), ReservationState.FAILED, e.reason() == null ? "the agent could not create it" : e.reason(), now);
                    ch.remove(memberId, ItemKey.reserve(r.id()));
                    ch.member(memberId);
                    ch.failExecs(memberId, r.id(), "reservation " + r.id() + " failed");
                }
                case ReservationEvent.RELEASED -> {
                    if (s.holdsResources()) {
                        core.repos().reservations().setState(c, r.id(), ReservationState.RELEASED, e.reason(), now);
                        ch.member(memberId);
                    }
                    ch.remove(memberId, ItemKey.reserve(r.id()));
                    ch.remove(memberId, ItemKey.release(r.id()));
                    ch.failExecs(memberId, r.id(), "reservation " + r.id() + " was released");
                }
                case ReservationEvent.EXEC_RESULT -> {
                    ch.remove(memberId, ItemKey.exec(e.execId()));
                    ch.execAnswered(e.execId(), r.id(),
                            new ExecResult(e.exitCode(), nz(e.stdout()), nz(e.stderr()), Boolean.TRUE.equals(e.timedOut())));
                }
                default -> throw ApiException.badRequest("type", "type must be one of READY, FAILED, RELEASED, EXEC_RESULT");
            }
            ch.signal();
            return null;
        });
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
