package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.workloads.internal.WorkloadsCore;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the replica count of a running service, inside the caller's transaction. Up: replicas
 * {@code current..n-1} become PENDING (new rows, or scaled-down rows coming back with their fencing
 * token history). Down: the highest-numbered replicas' attempts are CANCELLED with a stop for their
 * agent, and the replicas become REMOVED, so nothing retries them.
 */
public final class Scaling {
    private static final Logger LOG = LoggerFactory.getLogger(Scaling.class);
    private final WorkloadsCore core;

    public Scaling(WorkloadsCore core) {
        this.core = core;
    }

    /** Sets the count; returns the count before. 409 when not a live service, 400 field replicas out of bounds. */
    public int scale(Connection c, Changes ch, Workload w, int replicas, String reason) throws SQLException {
        if (w.spec().kind() != WorkloadKind.SERVICE) {
            throw ApiException.conflict("workload " + w.id() + " is a job; only services can be scaled");
        }
        if (w.state().isFinal()) {
            throw ApiException.conflict("workload " + w.id() + " is already " + w.state());
        }
        AutoscalePolicy p = w.spec().autoscaling();
        int min = p == null ? SpecValidator.REPLICAS_MIN : p.minReplicas();
        int max = p == null ? SpecValidator.REPLICAS_MAX : p.maxReplicas();
        if (replicas < min || replicas > max) {
            throw ApiException.badRequest("replicas", "replicas must be between " + min + " and " + max
                    + (p == null ? "" : " (the service's autoscaling bounds)"));
        }
        List<Replica> rows = core.workloads.allReplicas(c, w.id());
        int current = (int) rows.stream().filter(r -> !Replica.REMOVED.equals(r.state())).count();
        if (replicas == current) {
            return current;
        }
        long now = core.clock.millis();
        for (int i = current; i < replicas; i++) {
            if (i < rows.size()) {
                Replica r = rows.get(i);
                core.workloads.updateReplica(c, w.id(), i, Replica.PENDING, 0, r.lastToken(), now);
            } else {
                core.workloads.addReplica(c, w.id(), i, now);
            }
        }
        String stop = "scaled down from " + current + " to " + replicas + " replica(s): " + reason;
        for (int i = current - 1; i >= replicas; i--) {
            for (Attempt a : core.attempts.ofWorkload(c, w.id())) {
                if (a.replica() == i && !a.state().isFinal()) {
                    core.lifecycle.finish(c, ch, core.attempts.get(c, a.id()), AttemptState.CANCELLED, null, stop, null, true, false);
                }
            }
            Replica r = core.workloads.replica(c, w.id(), i);
            core.workloads.updateReplica(c, w.id(), i, Replica.REMOVED, r.retriesUsed(), r.lastToken(), r.pendingSince());
        }
        core.workloads.setReplicas(c, w.id(), replicas, now);
        String decision = current + " -> " + replicas + ": " + reason;
        core.workloads.decided(c, w.id(), decision, now);
        core.lifecycle.recompute(c, ch, w.id());
        ch.trigger();
        ch.signal();
        ch.after(() -> LOG.info("Service {} scaled {}", w.id(), decision));
        return current;
    }
}
