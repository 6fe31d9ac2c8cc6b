package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.workloads.ReleaseWorker;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.api.workloads.StopAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.workloads.internal.WorkloadsCore;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.ReservationRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of workloads, replicas and attempts. Every method runs inside the caller's
 * transaction and records its after-commit effects in {@link Changes}.
 *
 * <p>Replica: PENDING → ACTIVE (an attempt holds it) → PENDING again (retry, preemption, service
 * replacement) or final. Workload: derived from its replicas (see {@link #recompute}).
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    private final WorkloadsCore core;

    public Lifecycle(WorkloadsCore core) {
        this.core = core;
    }

    /** Binds a pending replica to a member: a SCHEDULED attempt with the replica's next fencing token. */
    public String bind(Connection c, Changes ch, Demand d, String memberId, String reason) throws SQLException {
        Workload w = core.workloads.get(c, d.workloadId());
        Replica r = core.workloads.replica(c, d.workloadId(), d.replica());
        if (w == null || r == null || w.state().isFinal() || !Replica.PENDING.equals(r.state())) {
            throw ApiException.conflict("replica " + d.key() + " is no longer pending");
        }
        if (d.excludedMembers().contains(memberId)) {
            // the scheduler passes the exclusions it read, or none when it lifted them (SchedulingQueue.bind)
            throw ApiException.conflict("replica " + d.key() + " already failed or was lost on member " + memberId);
        }
        long token = r.lastToken() + 1;
        Attempt a = new Attempt(UUID.randomUUID().toString(), w.id(), r.replica(), memberId, token, AttemptState.SCHEDULED,
                null, null, reason, now(), null, null, 0, 0, null);
        core.attempts.insert(c, a);
        core.workloads.updateReplica(c, w.id(), r.replica(), Replica.ACTIVE, r.retriesUsed(), token, r.pendingSince());
        ch.put(memberId, core.startItem(w, a));
        ch.member(memberId);
        recompute(c, ch, w.id());
        return a.id();
    }

    /** Evicts an attempt: PREEMPTED, its agent told to stop, its replica pending again without using a retry. */
    public void preempt(Connection c, Changes ch, String attemptId, String reason) throws SQLException {
        AttemptRepo.Row row = core.attempts.get(c, attemptId);
        if (row == null || row.attempt().state().isFinal()) {
            throw ApiException.conflict("attempt " + attemptId + " is not running");
        }
        finish(c, ch, row, AttemptState.PREEMPTED, null, reason, null, true, false);
    }

    /**
     * Makes an attempt final and moves its replica on: retried (elsewhere when {@code exclude}),
     * replaced (service), pending again (preempted) or final.
     */
    public void finish(Connection c, Changes ch, AttemptRepo.Row row, AttemptState state, Integer exitCode, String reason,
            String outputsSha256, boolean stopPending, boolean exclude) throws SQLException {
        Attempt a = row.attempt();
        core.attempts.finish(c, a.id(), state, exitCode, reason, outputsSha256, stopPending, core.clock.millis());
        ch.remove(a.memberId(), "start:" + a.id());
        if (stopPending) {
            ch.put(a.memberId(), new StopAttempt(a.id(), a.fencingToken(), reason));
        }
        ch.member(a.memberId());
        ch.trigger();
        ch.signal();
        ch.after(() -> core.usage.forget(a.id()));
        Workload w = core.workloads.get(c, a.workloadId());
        if (state == AttemptState.SUCCEEDED) {
            credit(c, a, w);
        }
        Replica r = core.workloads.replica(c, a.workloadId(), a.replica());
        if (w.state().isFinal() || r.isFinal() || r.lastToken() != a.fencingToken()) {
            return; // cancelled meanwhile (or superseded): the replica does not move
        }
        long now = core.clock.millis();
        String next;
        int retries = r.retriesUsed();
        if (w.spec().kind() == WorkloadKind.SERVICE || state == AttemptState.PREEMPTED) {
            next = Replica.PENDING; // services keep their replicas running; preemption uses no retry
        } else if (state == AttemptState.SUCCEEDED || state == AttemptState.TIMED_OUT) {
            next = state.name();
        } else if (retries < w.spec().maxRetries()) {
            next = Replica.PENDING;
            retries++;
            if (exclude) {
                core.workloads.exclude(c, w.id(), r.replica(), a.memberId());
            }
        } else {
            next = WorkloadState.FAILED.name();
        }
        core.workloads.updateReplica(c, w.id(), r.replica(), next, retries, r.lastToken(), Replica.PENDING.equals(next) ? now : r.pendingSince());
        recompute(c, ch, w.id());
    }

    private void credit(Connection c, Attempt a, Workload w) throws SQLException {
        double weight = core.config().credit_weight();
        AttemptRepo.Row fresh = core.attempts.get(c, a.id());
        double cpu = fresh.attempt().cpuSeconds();
        core.credits.credit(c, new CreditEntry(a.id(), a.memberId(), w.id(), cpu, weight, cpu * weight, now()));
    }

    /** Derives the workload's state from its replicas and attempts; records a change. */
    public WorkloadState recompute(Connection c, Changes ch, String workloadId) throws SQLException {
        Workload w = core.workloads.get(c, workloadId);
        if (w.state().isFinal()) {
            return w.state();
        }
        List<Replica> replicas = core.workloads.replicas(c, workloadId);
        WorkloadState next;
        String reason = null;
        if (replicas.stream().allMatch(Replica::isFinal)) {
            long failed = replicas.stream().filter(r -> r.state().equals(WorkloadState.FAILED.name())).count();
            long timedOut = replicas.stream().filter(r -> r.state().equals(WorkloadState.TIMED_OUT.name())).count();
            next = failed > 0 ? WorkloadState.FAILED : timedOut > 0 ? WorkloadState.TIMED_OUT : WorkloadState.SUCCEEDED;
            if (next != WorkloadState.SUCCEEDED) {
                reason = lastReason(c, workloadId, replicas.size(), failed + timedOut);
            }
        } else {
            List<Attempt> attempts = core.attempts.ofWorkload(c, workloadId);
            next = attempts.stream().anyMatch(a -> a.state() == AttemptState.RUNNING) ? WorkloadState.RUNNING
                    : attempts.stream().anyMatch(a -> a.state() == AttemptState.SCHEDULED) ? WorkloadState.SCHEDULED
                    : WorkloadState.PENDING;
        }
        if (next != w.state() || reason != null) {
            core.workloads.setState(c, workloadId, next, reason, core.clock.millis());
            ch.state(workloadId, next);
        }
        return next;
    }

    private String lastReason(Connection c, String workloadId, int replicas, long bad) throws SQLException {
        List<Attempt> attempts = core.attempts.ofWorkload(c, workloadId);
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        String detail = last == null ? "" : ": last attempt " + last.state() + (last.exitCode() == null ? "" : " (exit " + last.exitCode() + ")")
                + (last.reason() == null ? "" : ", " + last.reason());
        return bad + " of " + replicas + " replica(s) did not succeed" + detail;
    }

    /** Cancels a workload: every live attempt CANCELLED (its agent told to stop), every replica CANCELLED. */
    public void cancel(Connection c, Changes ch, Workload w, String by) throws SQLException {
        String reason = "cancelled by " + by;
        core.workloads.setState(c, w.id(), WorkloadState.CANCELLED, reason, core.clock.millis());
        for (Replica r : core.workloads.replicas(c, w.id())) {
            if (!r.isFinal()) {
                core.workloads.updateReplica(c, w.id(), r.replica(), WorkloadState.CANCELLED.name(), r.retriesUsed(), r.lastToken(),
                        r.pendingSince());
            }
        }
        for (Attempt a : core.attempts.ofWorkload(c, w.id())) {
            if (!a.state().isFinal()) {
                finish(c, ch, core.attempts.get(c, a.id()), AttemptState.CANCELLED, null, reason, null, true, false);
            }
        }
        ch.state(w.id(), WorkloadState.CANCELLED);
        ch.trigger();
    }

    /**
     * A member is gone (OFFLINE) or its agent restarted ({@code agentRestarted}): its attempts are LOST
     * and retried, its reserved workers LOST. A member that went OFFLINE is excluded for the retry and
     * told to stop the attempts should it come back; a restarted agent holds nothing any more.
     */
    public int memberLost(Connection c, Changes ch, String memberId, boolean agentRestarted) throws SQLException {
        int lost = 0;
        String reason = agentRestarted ? "the agent on member " + memberId + " restarted" : "member " + memberId + " went OFFLINE";
        for (AttemptRepo.Row row : core.attempts.active(c, memberId)) {
            if (agentRestarted && row.attempt().state() == AttemptState.SCHEDULED) {
                continue; // handed out again by the resync
            }
            finish(c, ch, row, AttemptState.LOST, null, reason, null, !agentRestarted, !agentRestarted);
            lost++;
        }
        if (agentRestarted) {
            for (AttemptRepo.Row row : core.attempts.stopPending(c)) {
                if (row.attempt().memberId().equals(memberId)) {
                    core.attempts.clearStop(c, row.attempt().id());
                    ch.remove(memberId, "stop:" + row.attempt().id());
                }
            }
        }
        for (ReservationRepo.Row r : core.reservations.onMember(c, memberId)) {
            ReservationState s = r.reservation().state();
            if (agentRestarted && s == ReservationState.REQUESTED) {
                continue;
            }
            ReservationState to = s == ReservationState.RELEASING ? ReservationState.RELEASED : ReservationState.LOST;
            core.reservations.setState(c, r.reservation().id(), to, reason, core.clock.millis());
            ch.remove(memberId, "reserve:" + r.reservation().id());
            ch.remove(memberId, "release:" + r.reservation().id());
            if (!agentRestarted && to == ReservationState.LOST) {
                ch.put(memberId, new ReleaseWorker(r.reservation().id()));
            }
            ch.member(memberId);
            ch.signal();
            lost++;
        }
        ch.after(() -> core.failExecs(memberId, null, reason));
        return lost;
    }

    /** At start and when the members module arrives: attempts on members already OFFLINE are lost. */
    public void sweepOffline(MemberService members) {
        try {
            List<String> active = core.read(c -> core.attempts.activeMembers(c));
            for (String id : active) {
                MemberState state;
                try {
                    Member m = members.get(id);
                    state = m.state();
                } catch (ApiException e) {
                    state = MemberState.OFFLINE; // removed meanwhile
                }
                if (state == MemberState.OFFLINE) {
                    int n = core.mutate((c, ch) -> memberLost(c, ch, id, false));
                    LOG.info("Member {} is OFFLINE: {} attempt(s)/worker(s) lost", id, n);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check members for lost attempts: {}", e.toString());
        }
    }

    private Instant now() {
        return core.clock.instant();
    }
}
