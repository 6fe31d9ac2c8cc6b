package org.sharercloud.scheduler.internal.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

import org.sharercloud.api.workloads.ReplicaUsage;
import org.sharercloud.api.workloads.ServiceLoad;

/**
 * Turns a service's live per-replica CPU into one demand figure in replicas' worth: the cores of the
 * replicas with a recent rate, plus their mean for each running replica without one yet (just
 * started), divided by one replica's request.
 */
final class DemandMeter {
    private DemandMeter() {
    }

    /** The demand, or empty when no running replica has a recent rate. */
    static OptionalDouble demand(ServiceLoad s, Instant now, Duration maxAge) {
        double cores = 0;
        int known = 0;
        for (ReplicaUsage u : s.running()) {
            if (Double.isFinite(u.cpuCores()) && u.sampledAt() != null && !u.sampledAt().isBefore(now.minus(maxAge))) {
                cores += u.cpuCores();
                known++;
            }
        }
        if (known == 0 || s.cpuMillis() <= 0) {
            return OptionalDouble.empty();
        }
        double total = cores + cores / known * (s.running().size() - known);
        return OptionalDouble.of(total / (s.cpuMillis() / 1000.0));
    }
}
