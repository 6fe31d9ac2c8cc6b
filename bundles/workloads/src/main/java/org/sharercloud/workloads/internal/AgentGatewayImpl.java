package org.sharercloud.workloads.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.agent.AgentGateway;
import org.sharercloud.api.agent.AgentHolding;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.agent.EventAck;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.agent.ResyncResult;
import org.sharercloud.workloads.internal.engine.Changes;
import org.sharercloud.workloads.internal.engine.ItemKey;
import org.sharercloud.workloads.internal.engine.MemberLoss;
import org.sharercloud.workloads.internal.engine.Outcome;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator side of the agent protocol: the long-poll and the fenced attempt events.
 * Reservation events are handled by {@link ReservationEvents}.
 */
@Component(service = AgentGateway.class)
public class AgentGatewayImpl implements AgentGateway {
    private static final Logger LOG = LoggerFactory.getLogger(AgentGatewayImpl.class);
    private static final Set<String> TYPES = Set.of(AttemptEvent.RUNNING, AttemptEvent.LOG, AttemptEvent.USAGE, AttemptEvent.RESULT);
    private static final Set<String> OUTCOMES = Set.of(RunResult.SUCCEEDED, RunResult.FAILED, RunResult.TIMED_OUT,
            RunResult.OOM_KILLED, RunResult.CANCELLED);
    static final String LOG_MARKER = "\n[sharer: log truncated by the coordinator at the cap]\n";
    private final WorkloadsCore core;
    private final ReservationEvents reservationEvents;

    @Activate
    public AgentGatewayImpl(@Reference WorkloadsCore core) {
        this.core = core;
        this.reservationEvents = new ReservationEvents(core);
    }

    @Override
    public CompletionStage<Assignments> awaitAssignments(String memberId, int waitSeconds, boolean resync) {
        requireMember(memberId);
        if (resync) {
            core.mutate((c, ch) -> core.lifecycle().memberLost(c, ch, memberId, MemberLoss.AGENT_RESTARTED));
        }
        int wait = Math.max(0, Math.min(MAX_WAIT_SECONDS, waitSeconds));
        return core.engine().outbox().await(memberId, wait, resync);
    }

    @Override
    public ResyncResult resync(String memberId, AgentHolding holding) {
        requireMember(memberId);
        if (holding == null || holding.attempts() == null) {
            throw ApiException.badRequest("attempts", "attempts (the ids of the attempts the agent holds) is required");
        }
        if (holding.attempts().size() > AgentHolding.MAX_ATTEMPTS) {
            throw ApiException.badRequest("attempts", "at most " + AgentHolding.MAX_ATTEMPTS + " attempt ids");
        }
        Set<String> held = new HashSet<>();
        for (String id : holding.attempts()) {
            if (id == null || id.isBlank() || id.length() > 64) {
                throw ApiException.badRequest("attempts", "each attempt id must be 1-64 characters");
            }
            held.add(id);
        }
        List<String> drop = new ArrayList<>();
        int[] n = core.mutate((c, ch) -> core.lifecycle().reconcile(c, ch, memberId, held, drop));
        core.engine().outbox().redeliverAll(memberId);
        if (n[0] > 0 || !drop.isEmpty()) {
            LOG.info("Resync of member {}: {} attempt(s) it no longer holds are LOST and retried, {} to hand out again, {} for it to drop",
                    memberId, n[0], n[1], drop.size());
        }
        return new ResyncResult(n[0], n[1], drop);
    }

    @Override
    public EventAck reportAttempt(String memberId, String attemptId, AttemptEvent e) {
        requireMember(memberId);
        check(e);
        String sha = e.outputs() == null ? null : sha256(e.outputs());
        if (sha != null && !sha.equalsIgnoreCase(String.valueOf(e.outputsSha256()))) {
            throw ApiException.badRequest("outputsSha256", "outputsSha256 does not match the SHA-256 of outputs (" + sha + ")");
        }
        Object result = core.mutate((c, ch) -> apply(c, ch, memberId, attemptId, e, sha));
        if (result instanceof ApiException refused) {
            throw refused;
        }
        return (EventAck) result;
    }

    @Override
    public void reportReservation(String memberId, String reservationId, ReservationEvent event) {
        requireMember(memberId);
        reservationEvents.report(memberId, reservationId, event);
    }

    /** Returns the ack, or the refusal to throw once the (bookkeeping-only) transaction committed. */
    private Object apply(Connection c, Changes ch, String memberId, String attemptId, AttemptEvent e, String sha) throws SQLException {
        AttemptRepo.Row row = attemptId == null ? null : core.repos().attempts().get(c, attemptId);
        if (row == null || !row.attempt().memberId().equals(memberId)) {
            throw ApiException.notFound("attempt " + attemptId + " of member " + memberId);
        }
        // the workload's lock first (the module's lock order, see WorkloadRepo.lock), then the attempt as it is now
        core.repos().workloads().lock(c, row.attempt().workloadId());
        row = core.repos().attempts().get(c, attemptId);
        Attempt a = row.attempt();
        if (e.fencingToken() != a.fencingToken()) {
            return ApiException.conflict("stale fencing token " + e.fencingToken() + " for attempt " + a.id() + " (its token is "
                    + a.fencingToken() + "); stop it and drop its reports");
        }
        Replica r = core.repos().workloads().replica(c, a.workloadId(), a.replica());
        if (a.state().isFinal() || r.lastToken() != a.fencingToken()) {
            if (row.stopPending() && AttemptEvent.RESULT.equals(e.type())) {
                core.repos().attempts().clearStop(c, a.id()); // the agent confirms the stop: no longer redelivered
                ch.remove(memberId, ItemKey.stop(a.id()));
            }
            return ApiException.conflict("attempt " + a.id() + " is already " + a.state() + "; stop it and drop its reports");
        }
        ch.remove(memberId, ItemKey.start(a.id()));
        long now = core.clock().millis();
        if (a.state() == AttemptState.SCHEDULED && !AttemptEvent.RESULT.equals(e.type())) {
            core.repos().attempts().markRunning(c, a.id(), now);
            core.lifecycle().recompute(c, ch, a.workloadId());
            ch.news(a.workloadId());
        }
        switch (e.type()) {
            case AttemptEvent.LOG -> appendLog(c, ch, row, e);
            case AttemptEvent.USAGE -> {
                double cpu = bounded(c, a, e.cpuSeconds(), now);
                core.repos().attempts().usage(c, a.id(), cpu, e.peakMemoryMb());
                ch.usage(a.id(), cpu, now);
            }
            case AttemptEvent.RESULT -> {
                return finish(c, ch, row, e, sha, now);
            }
            default -> { } // RUNNING: done above
        }
        return new EventAck(a.id(), a.state() == AttemptState.SCHEDULED ? AttemptState.RUNNING : a.state());
    }

    private EventAck finish(Connection c, Changes ch, AttemptRepo.Row row, AttemptEvent e, String sha, long now) throws SQLException {
        Attempt a = row.attempt();
        double cpu = bounded(c, a, e.cpuSeconds() != null ? e.cpuSeconds() : a.cpuSeconds(), now);
        long peak = e.peakMemoryMb() != null ? e.peakMemoryMb() : a.peakMemoryMb();
        core.repos().attempts().usage(c, a.id(), cpu, peak);
        if (e.outputs() != null) {
            core.repos().outputs().insert(c, a.id(), a.workloadId(), sha, e.outputs(), now);
        }
        AttemptState state;
        String reason = e.reason();
        switch (e.outcome()) {
            case RunResult.SUCCEEDED -> state = AttemptState.SUCCEEDED;
            case RunResult.TIMED_OUT -> state = AttemptState.TIMED_OUT;
            case RunResult.OOM_KILLED -> {
                state = AttemptState.FAILED;
                reason = "killed: out of memory" + (reason == null ? "" : " (" + reason + ")");
            }
            case RunResult.CANCELLED -> {
                state = AttemptState.FAILED;
                reason = "stopped on the contributor without being asked" + (reason == null ? "" : " (" + reason + ")");
            }
            default -> state = AttemptState.FAILED;
        }
        core.lifecycle().finish(c, ch, core.repos().attempts().get(c, a.id()), Outcome.reported(state, e.exitCode(), reason, sha));
        return new EventAck(a.id(), state);
    }

    /** Reported CPU-seconds cut to what the attempt's CPU request allows since it was handed out ({@link CpuBound}). */
    private double bounded(Connection c, Attempt a, double reported, long now) throws SQLException {
        double max = CpuBound.max(core.repos().workloads().get(c, a.workloadId()).spec().cpuMillis(), a.scheduledAt(), now);
        if (reported > max) {
            LOG.warn("Member {} reported {} CPU-seconds for attempt {}, more than its CPU request allows since it was handed out ({}); counted as {}",
                    a.memberId(), reported, a.id(), max, max);
        }
        return CpuBound.clamp(reported, max);
    }

    private void appendLog(Connection c, Changes ch, AttemptRepo.Row row, AttemptEvent e) throws SQLException {
        long cap = core.config().log_max_bytes();
        long used = row.logBytes();
        if (used >= cap || e.text().isEmpty()) {
            return;
        }
        String text = e.text();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (used + bytes.length > cap) {
            int keep = (int) (cap - used);
            text = new String(bytes, 0, keep, StandardCharsets.UTF_8) + LOG_MARKER;
            bytes = new byte[(int) (cap - used) + 1]; // counts past the cap: nothing more is kept
        }
        Attempt a = row.attempt();
        core.repos().logs().append(c, a.workloadId(), a.id(), a.replica(), e.stream(), text, core.clock().millis());
        core.repos().attempts().addLogBytes(c, a.id(), bytes.length);
        ch.news(a.workloadId());
    }

    private void check(AttemptEvent e) {
        if (e == null || e.type() == null || !TYPES.contains(e.type())) {
            throw ApiException.badRequest("type", "type must be one of RUNNING, LOG, USAGE, RESULT");
        }
        switch (e.type()) {
            case AttemptEvent.LOG -> {
                if (!"stdout".equals(e.stream()) && !"stderr".equals(e.stream())) {
                    throw ApiException.badRequest("stream", "stream must be stdout or stderr");
                }
                if (e.text() == null) {
                    throw ApiException.badRequest("text", "a LOG event needs text");
                }
            }
            case AttemptEvent.USAGE -> {
                if (e.cpuSeconds() == null || e.cpuSeconds() < 0 || e.cpuSeconds().isNaN() || e.cpuSeconds().isInfinite()) {
                    throw ApiException.badRequest("cpuSeconds", "a USAGE event needs cpuSeconds, a finite number, not negative");
                }
                if (e.peakMemoryMb() == null || e.peakMemoryMb() < 0) {
                    throw ApiException.badRequest("peakMemoryMb", "a USAGE event needs peakMemoryMb, not negative");
                }
            }
            case AttemptEvent.RESULT -> {
                if (e.outcome() == null || !OUTCOMES.contains(e.outcome())) {
                    throw ApiException.badRequest("outcome", "outcome must be one of SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED, CANCELLED");
                }
                if (e.exitCode() == null) {
                    throw ApiException.badRequest("exitCode", "a RESULT event needs exitCode (-1 when the process never ran)");
                }
                if (e.cpuSeconds() != null && (e.cpuSeconds() < 0 || e.cpuSeconds().isNaN() || e.cpuSeconds().isInfinite())) {
                    throw ApiException.badRequest("cpuSeconds", "cpuSeconds must be a finite number, not negative");
                }
                if (e.outputs() != null && e.outputs().length > core.config().outputs_max_bytes()) {
                    throw new ApiException(413, "outputs", "outputs are " + e.outputs().length + " bytes; the limit is "
                            + core.config().outputs_max_bytes());
                }
                if (e.outputs() != null && e.outputsSha256() == null) {
                    throw ApiException.badRequest("outputsSha256", "outputs need their outputsSha256");
                }
            }
            default -> { }
        }
    }

    static void requireMember(String memberId) {
        if (memberId == null || memberId.isBlank()) {
            throw ApiException.unauthorized("a member credential is required");
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
