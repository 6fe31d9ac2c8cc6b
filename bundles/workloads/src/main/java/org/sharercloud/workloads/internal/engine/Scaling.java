package org.sharercloud.workloads.internal.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.Repositories;
import org.sharercloud.workloads.internal.store.WorkloadRepo;
import org.sharercloud.workloads.internal.store.WorkloadRepo.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the replica count of a running service. Up: replicas {@code current..n-1} become PENDING (new
 * rows, or scaled-down rows coming back with their fencing token history). Down: the highest-numbered
 * replicas' attempts are CANCELLED through {@link Lifecycle#finish} with a stop for their agent, and the
 * replicas become REMOVED, so nothing retries them.
 *
 * <p>A step, like {@link Lifecycle}: it runs inside the caller's transaction ({@link Engine#mutate}) and
 * records its after-commit effects in {@link Changes}.
 */
public final class Scaling {
    private static final Logger LOG = LoggerFactory.getLogger(Scaling.class);
    private final WorkloadRepo workloads;
    private final AttemptRepo attempts;
    private final Clock clock;
    private final Lifecycle lifecycle;

    public Scaling(Repositories repos, Clock clock, Lifecycle lifecycle) {
        this.workloads = repos.workloads();
        this.attempts = repos.attempts();
        this.clock = clock;
        this.lifecycle = lifecycle;
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
        List<Replica> rows = workloads.allReplicas(c, w.id());
        int current = (int) rows.stream().filter(r -> !Replica.REMOVED.equals(r.state())).count();
        if (replicas == current) {
            return current;
        }
        long now = clock.millis();
        for (int i = current; i < replicas; i++) {
            if (i < rows.size()) {
                Replica r = rows.get(i);
                workloads.updateReplica(c, w.id(), i, Replica.PENDING, 0, r.lastToken(), now);
            } else {
                workloads.addReplica(c, w.id(), i, now);
            }
        }
        String stop = "scaled down from " + current + " to " + replicas + " replica(s): " + reason;
        for (int i = current - 1; i >= replicas; i--) {
            for (Attempt a : attempts.ofWorkload(c, w.id())) {
                if (a.replica() == i && !a.state().isFinal()) {
                    lifecycle.finish(c, ch, attempts.get(c, a.id()), Outcome.stopped(AttemptState.CANCELLED, stop));
                }
            }
            Replica r = workloads.replica(c, w.id(), i);
            workloads.updateReplica(c, w.id(), i, Replica.REMOVED, r.retriesUsed(), r.lastToken(), r.pendingSince());
        }
        workloads.setReplicas(c, w.id(), replicas, now);
        String decision = current + " -> " + replicas + ": " + reason;
        workloads.decided(c, w.id(), decision, now);
        lifecycle.recompute(c, ch, w.id());
        ch.trigger();
        ch.signal();
        ch.after(() -> LOG.info("Service {} scaled {}", w.id(), decision));
        return current;
    }
}
