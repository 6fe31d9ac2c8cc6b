package org.sharercloud.simulator.internal;

/**
 * What one strategy achieved on one replay.
 *
 * @param strategy     strategy name
 * @param tasks        arrivals replayed
 * @param completed    tasks that finished before the simulation ended
 * @param meanWait     mean seconds from arrival to the start of the attempt that completed
 * @param p95Wait      95th percentile of that
 * @param interrupted  attempts cut short because their member went away
 * @param preempted    attempts evicted for higher priority work
 * @param utilisation  CPU placed / CPU offered by online members, between the first arrival and the end
 * @param makespan     seconds from the first arrival to the last completion
 */
public record SimResult(String strategy, int tasks, int completed, double meanWait, double p95Wait, int interrupted,
        int preempted, double utilisation, long makespan) {

    /** The same as the API record. */
    public org.sharercloud.api.scheduler.SimulationResult toApi() {
        return new org.sharercloud.api.scheduler.SimulationResult(strategy, tasks, completed, meanWait, p95Wait,
                interrupted, preempted, utilisation, makespan);
    }
}
