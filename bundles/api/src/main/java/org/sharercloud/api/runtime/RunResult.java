package org.sharercloud.api.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a run ended.
 *
 * @param exitCode     process exit code (-1 when it never ran)
 * @param outcome      {@link #SUCCEEDED}, {@link #FAILED}, {@link #TIMED_OUT}, {@link #OOM_KILLED} or {@link #CANCELLED}
 * @param reason       human-readable detail
 * @param cpuSeconds   CPU time used
 * @param peakMemoryMb peak memory
 * @param outputs      tar archive of files written under {@code /output}, or null
 */
public record RunResult(int exitCode, String outcome, String reason, double cpuSeconds, long peakMemoryMb,
        byte[] outputs) {
    /** Exit code 0. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** Non-zero exit code, or the run could not start (then {@code exitCode} is -1 and {@code reason} says why). */
    public static final String FAILED = "FAILED";
    /** The wall-clock limit was reached and the run killed. */
    public static final String TIMED_OUT = "TIMED_OUT";
    /** The memory limit was reached and the kernel killed the run. */
    public static final String OOM_KILLED = "OOM_KILLED";
    /** Cancelled through {@link RunHandle#cancel()}. */
    public static final String CANCELLED = "CANCELLED";

    /** Lower-case hex SHA-256 of {@link #outputs()}, or null when there are none. */
    public String outputsSha256() {
        if (outputs == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(outputs));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
