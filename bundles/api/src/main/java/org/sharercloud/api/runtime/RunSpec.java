package org.sharercloud.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a runtime is asked to run for one attempt.
 *
 * @param attemptId      attempt id (used to label and find the container)
 * @param image          image reference
 * @param command        command and arguments (empty: the image's default command)
 * @param env            environment
 * @param cpuMillis      CPU quota in millicores ({@code <= 0}: no quota)
 * @param memoryMb       memory limit ({@code <= 0}: the runtime's default)
 * @param timeoutSeconds wall-clock limit ({@code <= 0}: the runtime's default)
 * @param inputs         files placed read-only under {@code /input} (relative names, no {@code ..})
 * @param maxOutputBytes cap on captured stdout+stderr ({@code <= 0}: {@link #DEFAULT_MAX_OUTPUT_BYTES});
 *                       what comes beyond it is dropped and {@link #TRUNCATION_MARKER} is sent once
 */
public record RunSpec(String attemptId, String image, List<String> command, Map<String, String> env, int cpuMillis,
        int memoryMb, int timeoutSeconds, Map<String, byte[]> inputs, long maxOutputBytes) {
    /** Default cap on captured output: 1 MiB. */
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 1L << 20;

    /** Sent (on stderr) once when captured output reaches its cap. */
    public static final String TRUNCATION_MARKER = "\n[sharer: output truncated at the cap]\n";
}
