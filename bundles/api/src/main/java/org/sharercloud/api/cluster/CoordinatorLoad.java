package org.sharercloud.api.cluster;

/**
 * A coordinator's load at its last beat.
 *
 * @param processCpu  the JVM's CPU use, 0–1 of the whole machine (negative when unknown)
 * @param systemLoad  the machine's one-minute load average (negative when unknown)
 * @param heapUsedMb  heap in use
 * @param heapMaxMb   largest heap
 * @param poolActive  store connections lent out
 */
public record CoordinatorLoad(double processCpu, double systemLoad, long heapUsedMb, long heapMaxMb, int poolActive) {
}
