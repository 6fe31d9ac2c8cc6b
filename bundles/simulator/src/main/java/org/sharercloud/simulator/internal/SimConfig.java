package org.sharercloud.simulator.internal;

/**
 * Simulation settings.
 *
 * @param members        simulated members (host timeline + VM load each, drawn with the seed)
 * @param seed           seed of that draw; the same seed gives every strategy the same cluster and work
 * @param warmupSeconds  history before the first arrival (forecasters learn from it; no work arrives)
 * @param stepSeconds    time step
 * @param maxTasks       use at most this many arrivals (0 = all)
 * @param sampleEvery    keep every n-th arrival (thins the arrival rate, keeps its daily shape)
 * @param arrivalStretch multiply arrival times by this (spreads arrivals out)
 * @param drainSeconds   keep simulating this long after the last arrival
 * @param refreshSeconds how often forecasts are refreshed (as the background refresher would)
 * @param historyHours   hours of history forecasts are fitted to
 * @param maxCores       cap on a member's cores (volunteer-sized machines)
 */
public record SimConfig(int members, long seed, long warmupSeconds, int stepSeconds, int maxTasks, int sampleEvery,
        double arrivalStretch, long drainSeconds, int refreshSeconds, int historyHours, int maxCores) {

    public static SimConfig defaults() {
        return new SimConfig(60, 42, 4 * 86400L, 10, 0, 4, 1.0, 86400L, 300, 168, 8);
    }

    public SimConfig withMembers(int n) {
        return new SimConfig(n, seed, warmupSeconds, stepSeconds, maxTasks, sampleEvery, arrivalStretch, drainSeconds,
                refreshSeconds, historyHours, maxCores);
    }

    public SimConfig withTasks(int max, int every, double stretch) {
        return new SimConfig(members, seed, warmupSeconds, stepSeconds, max, every, stretch, drainSeconds,
                refreshSeconds, historyHours, maxCores);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(members, s, warmupSeconds, stepSeconds, maxTasks, sampleEvery, arrivalStretch,
                drainSeconds, refreshSeconds, historyHours, maxCores);
    }

    public SimConfig withWarmup(long seconds) {
        return new SimConfig(members, seed, seconds, stepSeconds, maxTasks, sampleEvery, arrivalStretch, drainSeconds,
                refreshSeconds, historyHours, maxCores);
    }
}
