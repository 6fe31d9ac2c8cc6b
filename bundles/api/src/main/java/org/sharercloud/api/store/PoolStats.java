package org.sharercloud.api.store;

/**
 * The store's connection pool at one moment, for {@code /metrics} and health.
 *
 * @param active          connections lent out now
 * @param idle            connections open and free
 * @param waiting         threads waiting for a connection
 * @param max             largest number of connections the pool opens
 * @param acquired        connections lent out since the store started
 * @param acquireSeconds  total time callers waited for those connections
 * @param timeouts        requests that found no free connection in time (each one an error to its caller)
 * @param created         physical connections opened since the store started
 */
public record PoolStats(int active, int idle, int waiting, int max, long acquired, double acquireSeconds, long timeouts,
        long created) {
    /** Nothing known (the pool is closed). */
    public static final PoolStats NONE = new PoolStats(0, 0, 0, 0, 0, 0, 0, 0);
}
