package org.sharercloud.workloads.internal.engine;

/**
 * The settings the engine reads while it runs, taken from the module's configuration (which may change
 * at run time: the engine is given a supplier and reads it at each use).
 *
 * @param creditWeight credits per CPU-second of a SUCCEEDED attempt
 * @param logMaxBytes  captured log kept per attempt (stdout and stderr), in bytes
 * @param serviceCrashLimit   consecutive quick crashes after which a service replica is FAILED (not restarted)
 * @param serviceHealthyMillis a service attempt that ran this long before failing resets the crash count
 * @param serviceBackoffMillis the restart delay after the second consecutive crash, doubled at each further one
 * @param serviceBackoffMaxMillis the longest restart delay
 */
public record EngineConfig(double creditWeight, long logMaxBytes, int serviceCrashLimit, long serviceHealthyMillis,
        long serviceBackoffMillis, long serviceBackoffMaxMillis) {

    /** Defaults for the service crash loop (10 crashes, healthy after 60 s, 5 s doubling up to 5 min). */
    public EngineConfig(double creditWeight, long logMaxBytes) {
        this(creditWeight, logMaxBytes, 10, 60_000, 5_000, 300_000);
    }

    /** The delay before restarting a service replica after {@code crashes} consecutive quick crashes (none after the first). */
    public long serviceBackoff(int crashes) {
        if (crashes <= 1) {
            return 0;
        }
        long d = serviceBackoffMillis << Math.min(30, crashes - 2);
        return d <= 0 ? serviceBackoffMaxMillis : Math.min(serviceBackoffMaxMillis, d);
    }
}
