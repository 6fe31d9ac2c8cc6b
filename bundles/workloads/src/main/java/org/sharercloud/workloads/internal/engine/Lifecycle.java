package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.api.agent.StopAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.CreditRepo;
import org.sharercloud.workloads.internal.store.Repositories;
import org.sharercloud.workloads.internal.store.ReservationRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;

/**
 * The state machine of workloads, replicas and attempts.
 *
 * <p>Every method is a step: it runs inside the transaction its caller opened ({@link Engine#mutate}),
 * reads and writes only through the repositories, and records its after-commit effects (agent messages,
 * allocations, events, cache updates) in {@link Changes}. It never opens a transaction and never touches
 * a cache.
 *
 * <p>Replica: PENDING → ACTIVE (an attempt holds it) → PENDING again (retry, preemption, service
 * replacement) or final. Workload: derived from its replicas (see {@link #recompute}).
 */
public final class Lifecycle {
    private final WorkloadRepo workloads;
    private final AttemptRepo attempts;
    private final CreditRepo credits;
    private final ReservationRepo reservations;
    private final Clock clock;
    private final Supplier<EngineConfig> config;

    public Lifecycle(Repositories repos, Clock clock, Supplier<EngineConfig> config) {
        this.workloads = repos.workloads();
        this.attempts = repos.attempts();
        this.credits = repos.credits();
        this.reservations = repos.reservations();
        this.clock = clock;
        this.config = config;
    }

    /** Binds a pending replica to a member: a SCHEDULED attempt with the replica's next fencing token. */
    public String bind(Connection c, Changes ch, Demand d, String memberId, String reason) throws SQLException {
        workloads.lock(c, d.workloadId());
        Workload w = workloads.get(c, d.workloadId());
        Replica r = workloads.replica(c, d.workloadId(), d.replica());
        if (w == null || r == null || w.state().isFinal() || !Replica.PENDING.equals(r.state())) {
            throw ApiException.conflict("replica " + d.key() + " is no longer pending");
        }
        if (d.excludedMembers().contains(memberId)) {
            // the scheduler passes the exclusions it read, or none when it lifted them (SchedulingQueue.bind)
            throw ApiException.conflict("replica " + d.key() + " already failed or was lost on member " + memberId);
        }
        long token = r.lastToken() + 1;
        if (!workloads.claimReplica(c, w.id(), r.replica(), r.lastToken(), token)) {
            throw ApiException.conflict("replica " + d.key() + " was bound meanwhile");
        }
        Attempt a = new Attempt(UUID.randomUUID().toString(), w.id(), r.replica(), memberId, token, AttemptState.SCHEDULED,
                null, null, reason, clock.instant(), null, null, 0, 0, null);
        attempts.insert(c, a);
        ch.put(memberId, OutboxItems.start(w, a, config.get().logMaxBytes()));
        ch.member(memberId);
        recompute(c, ch, w.id());
        return a.id();
    }

    /** Evicts an attempt: PREEMPTED, its agent told to stop, its replica pending again without using a retry. */
    public void preempt(Connection c, Changes ch, String attemptId, String reason) throws SQLException {
        AttemptRepo.Row row = attempts.get(c, attemptId);
        if (row == null || row.attempt().state().isFinal()) {
            throw ApiException.conflict("attempt " + attemptId + " is not running");
        }
        finish(c, ch, row, Outcome.stopped(AttemptState.PREEMPTED, reason));
    }

    /**
     * Makes an attempt final and moves its replica on: retried (elsewhere when the outcome excludes the
     * member), replaced (service), pending again (preempted) or final.
     */
    public void finish(Connection c, Changes ch, AttemptRepo.Row row, Outcome o) throws SQLException {
        Attempt a = row.attempt();
        workloads.lock(c, a.workloadId());
        if (!attempts.finish(c, a.id(), o.state(), o.exitCode(), o.reason(), o.outputsSha256(), o.stopAgent(), clock.millis())) {
            // another transaction (on this coordinator or another) made it final first: this one must change nothing
            throw ApiException.conflict("attempt " + a.id() + " is already final");
        }
        ch.remove(a.memberId(), ItemKey.start(a.id()));
        if (o.stopAgent()) {
            ch.put(a.memberId(), new StopAttempt(a.id(), a.fencingToken(), o.reason()));
        }
        ch.member(a.memberId());
        ch.trigger();
        ch.signal();
        ch.attemptEnded(a.id());
        Workload w = workloads.get(c, a.workloadId());
        if (o.state() == AttemptState.SUCCEEDED) {
            credit(c, a, w);
        }
        Replica r = workloads.replica(c, a.workloadId(), a.replica());
        if (w.state().isFinal() || r.isFinal() || r.lastToken() != a.fencingToken()) {
            return; // cancelled meanwhile (or superseded): the replica does not move
        }
        long now = clock.millis();
        long pendingFrom = now;
        String next;
        int retries = r.retriesUsed();
        boolean crashed = o.state() == AttemptState.FAILED || o.state() == AttemptState.TIMED_OUT;
        if (w.spec().kind() == WorkloadKind.SERVICE && crashed) {
            // a crash loop: restarted at once the first time, then after a doubling delay, FAILED after the limit
            EngineConfig cfg = config.get();
            boolean quick = a.startedAt() == null || now - a.startedAt().toEpochMilli() < cfg.serviceHealthyMillis();
            retries = quick ? retries + 1 : 1;
            next = retries > cfg.serviceCrashLimit() ? WorkloadState.FAILED.name() : Replica.PENDING;
            pendingFrom = now + cfg.serviceBackoff(retries);
        } else if (w.spec().kind() == WorkloadKind.SERVICE || o.state() == AttemptState.PREEMPTED) {
            next = Replica.PENDING; // services keep their replicas running; preemption uses no retry
        } else if (o.state() == AttemptState.SUCCEEDED || o.state() == AttemptState.TIMED_OUT) {
            next = o.state().name();
        } else if (retries < w.spec().maxRetries()) {
            next = Replica.PENDING;
            retries++;
            if (o.excludeMember()) {
                workloads.exclude(c, w.id(), r.replica(), a.memberId());
            }
        } else {
            next = WorkloadState.FAILED.name();
        }
        workloads.updateReplica(c, w.id(), r.replica(), next, retries, r.lastToken(), Replica.PENDING.equals(next) ? pendingFrom : r.pendingSince());
        recompute(c, ch, w.id());
    }

    private void credit(Connection c, Attempt a, Workload w) throws SQLException {
        double weight = config.get().creditWeight();
        AttemptRepo.Row fresh = attempts.get(c, a.id());
        double cpu = fresh.attempt().cpuSeconds();
        credits.credit(c, new CreditEntry(a.id(), a.memberId(), w.id(), cpu, weight, cpu * weight, clock.instant()));
    }

    /** Derives the workload's state from its replicas and attempts; records a change. */
    public WorkloadState recompute(Connection c, Changes ch, String workloadId) throws SQLException {
        Workload w = workloads.get(c, workloadId);
        if (w.state().isFinal()) {
            return w.state();
        }
        List<Replica> replicas = workloads.replicas(c, workloadId);
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
            List<Attempt> all = attempts.ofWorkload(c, workloadId);
            next = all.stream().anyMatch(a -> a.state() == AttemptState.RUNNING) ? WorkloadState.RUNNING
                    : all.stream().anyMatch(a -> a.state() == AttemptState.SCHEDULED) ? WorkloadState.SCHEDULED
                    : WorkloadState.PENDING;
        }
        if (next != w.state() || reason != null) {
            workloads.setState(c, workloadId, next, reason, clock.millis());
            ch.state(workloadId, next);
        }
        return next;
    }

    private String lastReason(Connection c, String workloadId, int replicas, long bad) throws SQLException {
        List<Attempt> all = attempts.ofWorkload(c, workloadId);
        Attempt last = all.isEmpty() ? null : all.get(all.size() - 1);
        String detail = last == null ? "" : ": last attempt " + last.state() + (last.exitCode() == null ? "" : " (exit " + last.exitCode() + ")")
                + (last.reason() == null ? "" : ", " + last.reason());
        return bad + " of " + replicas + " replica(s) did not succeed" + detail;
    }

    /** Cancels a workload: every live attempt CANCELLED (its agent told to stop), every replica CANCELLED. */
    public void cancel(Connection c, Changes ch, Workload w, String by) throws SQLException {
        workloads.lock(c, w.id());
        Workload now = workloads.get(c, w.id());
        if (now.state().isFinal()) {
            // it ended while this transaction waited for the lock (a result reported to another coordinator)
            throw ApiException.conflict("workload " + w.id() + " is already " + now.state());
        }
        String reason = "cancelled by " + by;
        workloads.setState(c, w.id(), WorkloadState.CANCELLED, reason, clock.millis());
        for (Replica r : workloads.replicas(c, w.id())) {
            if (!r.isFinal()) {
                workloads.updateReplica(c, w.id(), r.replica(), WorkloadState.CANCELLED.name(), r.retriesUsed(), r.lastToken(),
                        r.pendingSince());
            }
        }
        for (Attempt a : attempts.ofWorkload(c, w.id())) {
            if (!a.state().isFinal()) {
                finish(c, ch, attempts.get(c, a.id()), Outcome.stopped(AttemptState.CANCELLED, reason));
            }
        }
        ch.state(w.id(), WorkloadState.CANCELLED);
        ch.trigger();
    }

    /**
     * Coordinator-side deadlines: a RUNNING attempt without a RESULT by its start + the workload's timeout + {@code graceMillis},
     * and a SCHEDULED one its agent never acknowledged within {@code startMillis}, are LOST ({@link Outcome#overdue}).
     * Returns how many.
     */
    public int expireOverdue(Connection c, Changes ch, long graceMillis, long startMillis) throws SQLException {
        long now = clock.millis();
        java.util.Map<String, Integer> timeouts = new java.util.HashMap<>();
        int n = 0;
        for (AttemptRepo.Row row : attempts.active(c, null)) {
            Attempt a = row.attempt();
            String why;
            if (a.state() == AttemptState.RUNNING) {
                int timeout = timeouts.computeIfAbsent(a.workloadId(), id -> timeoutOf(c, id));
                long started = a.startedAt() == null ? a.scheduledAt().toEpochMilli() : a.startedAt().toEpochMilli();
                if (now <= started + timeout * 1000L + graceMillis) {
                    continue;
                }
                why = "no result from member " + a.memberId() + " within the timeout (" + timeout + " s) plus " + graceMillis / 1000
                        + " s of grace";
            } else if (now > a.scheduledAt().toEpochMilli() + startMillis) {
                why = "member " + a.memberId() + " did not acknowledge the assignment within " + startMillis / 1000 + " s";
            } else {
                continue;
            }
            finish(c, ch, row, Outcome.overdue(why));
            n++;
        }
        return n;
    }

    private int timeoutOf(Connection c, String workloadId) {
        try {
            Workload w = workloads.get(c, workloadId);
            Integer t = w == null ? null : w.spec().timeoutSeconds();
            return t == null ? 0 : t;
        } catch (SQLException e) {
            throw new org.sharercloud.workloads.internal.store.StoreException(e);
        }
    }

    /**
     * Reconciles a member's live attempts with what its agent holds ({@code held}), after the agent lost contact:
     * a RUNNING attempt it does not hold is LOST and retried (the member stays eligible, nothing is left to stop),
     * a SCHEDULED one is counted (the caller hands it out again). Returns {lost, redelivered} and fills
     * {@code drop} with the held attempts that are not live on this member.
     */
    public int[] reconcile(Connection c, Changes ch, String memberId, java.util.Set<String> held, List<String> drop) throws SQLException {
        int[] n = new int[2];
        java.util.Set<String> live = new java.util.HashSet<>();
        for (AttemptRepo.Row row : attempts.active(c, memberId)) {
            String id = row.attempt().id();
            live.add(id);
            if (held.contains(id)) {
                continue;
            }
            if (row.attempt().state() == AttemptState.RUNNING) {
                finish(c, ch, row, Outcome.lost("the agent on member " + memberId + " no longer holds it (reconciled after a lost contact)",
                        MemberLoss.AGENT_RESTARTED));
                n[0]++;
            } else {
                n[1]++;
            }
        }
        held.stream().filter(id -> !live.contains(id)).sorted().forEach(drop::add);
        return n;
    }

    /**
     * A member is gone ({@link MemberLoss#WENT_OFFLINE}) or its agent restarted
     * ({@link MemberLoss#AGENT_RESTARTED}): its attempts are LOST and retried, its reserved workers LOST.
     * A member that went OFFLINE is excluded for the retry and told to stop the attempts should it come
     * back; a restarted agent holds nothing any more. Returns how many attempts and workers were lost.
     */
    public int memberLost(Connection c, Changes ch, String memberId, MemberLoss loss) throws SQLException {
        boolean restarted = loss == MemberLoss.AGENT_RESTARTED;
        int lost = 0;
        String reason = restarted ? "the agent on member " + memberId + " restarted" : "member " + memberId + " went OFFLINE";
        for (AttemptRepo.Row row : attempts.active(c, memberId)) {
            if (restarted && row.attempt().state() == AttemptState.SCHEDULED) {
                continue; // handed out again by the resync
            }
            finish(c, ch, row, Outcome.lost(reason, loss));
            lost++;
        }
        if (restarted) {
            for (AttemptRepo.Row row : attempts.stopPending(c)) {
                if (row.attempt().memberId().equals(memberId)) {
                    attempts.clearStop(c, row.attempt().id());
                    ch.remove(memberId, ItemKey.stop(row.attempt().id()));
                }
            }
        }
        for (ReservationRepo.Row r : reservations.onMember(c, memberId)) {
            ReservationState s = r.reservation().state();
            if (restarted && s == ReservationState.REQUESTED) {
                continue;
            }
            ReservationState to = s == ReservationState.RELEASING ? ReservationState.RELEASED : ReservationState.LOST;
            reservations.setState(c, r.reservation().id(), to, reason, clock.millis());
            ch.remove(memberId, ItemKey.reserve(r.reservation().id()));
            ch.remove(memberId, ItemKey.release(r.reservation().id()));
            if (!restarted && to == ReservationState.LOST) {
                ch.put(memberId, new ReleaseWorker(r.reservation().id()));
            }
            ch.member(memberId);
            ch.signal();
            lost++;
        }
        ch.failExecs(memberId, null, reason);
        return lost;
    }
}
