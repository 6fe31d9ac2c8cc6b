package org.sharercloud.workloads.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.agent.StopAttempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.workloads.internal.store.AttemptRepo;
import org.sharercloud.workloads.internal.store.ReservationRepo;

/**
 * The agent messages built from stored rows. Each is derived from the store alone, so the outboxes can
 * always be rebuilt from it ({@link Engine#rebuildCaches()}).
 */
public final class OutboxItems {
    private OutboxItems() {
    }

    /** What the agent is handed to start an attempt; its log is capped at {@code logMaxBytes}. */
    public static StartAttempt start(Workload w, Attempt a, long logMaxBytes) {
        Map<String, byte[]> inputs = new HashMap<>();
        w.spec().inputs().forEach((k, v) -> inputs.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new StartAttempt(a.id(), w.id(), a.replica(), a.fencingToken(), w.spec().image(), w.spec().command(),
                w.spec().env(), w.spec().cpuMillis(), w.spec().memoryMb(), w.spec().timeoutSeconds(), inputs, logMaxBytes,
                w.spec().runtime());
    }

    /** What the agent is told about an attempt that must stop (final, or lost with its member). */
    public static StopAttempt stop(AttemptRepo.Row row) {
        return new StopAttempt(row.attempt().id(), row.attempt().fencingToken(), row.attempt().reason());
    }

    /** What the agent is handed to create a reserved worker. */
    public static ReserveWorker reserve(ReservationRepo.Row r) {
        return new ReserveWorker(r.reservation().id(), r.reservation().image(), r.env(), r.reservation().cpuMillis(),
                r.reservation().memoryMb());
    }
}
