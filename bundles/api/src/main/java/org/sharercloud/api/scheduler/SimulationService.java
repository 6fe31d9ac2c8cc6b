package org.sharercloud.api.scheduler;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Replays member availability, owner load and workload arrival traces against placement strategies
 * with the real scheduling pass, offline: nothing touches the live cluster. Provided by the scheduler
 * module; used by {@code sharer:simulate}. A run takes seconds to minutes and blocks the caller; it
 * stops early with a {@link java.util.concurrent.CancellationException} when the calling thread is
 * interrupted.
 */
@ProviderType
public interface SimulationService {
    /** Strategies a simulation can replay (fresh instances of the built-in ones plus registered others), sorted. */
    List<String> strategies();

    /** The directory relative trace paths and the defaults are resolved against. */
    String traceDirectory();

    /**
     * Runs one replay per requested strategy, all with the same seed, and returns their results in the
     * requested order.
     *
     * @param progress receives one human-readable line when the traces are read and one per finished strategy
     * @throws org.sharercloud.api.ApiException 400 naming the field for an unknown strategy or forecaster,
     *         a trace file that is missing or not in a known format, or more members than hosts covering the run
     */
    List<SimulationResult> simulate(SimulationRequest request, Consumer<String> progress);
}
