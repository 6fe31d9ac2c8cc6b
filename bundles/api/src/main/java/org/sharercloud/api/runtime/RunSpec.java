package org.sharercloud.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a runtime is asked to run for one attempt.
 *
 * @param attemptId      attempt id (used to label and find the container)
 * @param image          image reference
 * @param command        command and arguments
 * @param env            environment
 * @param cpuMillis      CPU quota in millicores
 * @param memoryMb       memory limit
 * @param timeoutSeconds wall-clock limit
 * @param inputs         files placed read-only under {@code /input}
 * @param maxOutputBytes cap on captured stdout+stderr
 */
public record RunSpec(String attemptId, String image, List<String> command, Map<String, String> env, int cpuMillis,
        int memoryMb, int timeoutSeconds, Map<String, byte[]> inputs, long maxOutputBytes) {
}
