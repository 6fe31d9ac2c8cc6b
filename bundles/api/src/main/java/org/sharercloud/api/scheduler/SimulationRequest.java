package org.sharercloud.api.scheduler;

import java.util.List;

import org.sharercloud.api.ApiException;

/**
 * What to replay in a trace simulation (see {@link SimulationService}). Paths may be absolute or
 * relative to the simulator's trace directory; empty lists and {@code null} mean the bundled defaults.
 *
 * @param availability host up/down traces (FTA {@code event_trace} or smartphone session files)
 * @param load         owner-load traces (Bitbrains VM files or directories of them)
 * @param tasks        arrivals (Alibaba v2017 {@code batch_task} table), or {@code null}
 * @param members      simulated members, at least 1
 * @param seed         seed of the member draw; every strategy gets the same cluster and work
 * @param strategies   strategy names in output order; empty means every known strategy
 * @param maxTasks     replay at most this many arrivals (0 = all the sampled ones)
 * @param sampleEvery  keep every n-th arrival, at least 1
 * @param forecaster   forecaster of the {@code forecast} strategy, or {@code null} for the built-in one
 * @throws ApiException 400 naming the field when a number is out of range
 */
public record SimulationRequest(List<String> availability, List<String> load, String tasks, int members, long seed,
        List<String> strategies, int maxTasks, int sampleEvery, String forecaster) {

    /** Members, seed, sampling of the documented default run. */
    public static final int DEFAULT_MEMBERS = 60;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_SAMPLE_EVERY = 4;

    public SimulationRequest {
        availability = availability == null ? List.of() : List.copyOf(availability);
        load = load == null ? List.of() : List.copyOf(load);
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        if (members < 1) {
            throw ApiException.badRequest("members", "members must be at least 1, got " + members);
        }
        if (maxTasks < 0) {
            throw ApiException.badRequest("maxTasks", "max tasks must be 0 (all) or more, got " + maxTasks);
        }
        if (sampleEvery < 1) {
            throw ApiException.badRequest("sampleEvery", "sample must be at least 1, got " + sampleEvery);
        }
        for (String s : strategies) {
            if (s == null || s.isBlank()) {
                throw ApiException.badRequest("strategies", "empty strategy name");
            }
        }
    }

    /** The documented default run: bundled traces, 60 members, seed 42, every 4th arrival, all strategies. */
    public static SimulationRequest defaults() {
        return new SimulationRequest(List.of(), List.of(), null, DEFAULT_MEMBERS, DEFAULT_SEED, List.of(), 0,
                DEFAULT_SAMPLE_EVERY, null);
    }
}
