package org.sharercloud.api.runtime;

/**
 * How a run ended.
 *
 * @param exitCode     process exit code (-1 when it never ran)
 * @param outcome      SUCCEEDED, FAILED, TIMED_OUT, OOM_KILLED or CANCELLED
 * @param reason       human-readable detail
 * @param cpuSeconds   CPU time used
 * @param peakMemoryMb peak memory
 * @param outputs      tar archive of files written under {@code /output}, or null
 */
public record RunResult(int exitCode, String outcome, String reason, double cpuSeconds, long peakMemoryMb,
        byte[] outputs) {
}
