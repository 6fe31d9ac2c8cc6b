package org.sharercloud.api.agent;

import java.util.List;
import java.util.Map;

/**
 * Start this attempt (the fields of the runtime's {@code RunSpec}, plus the fencing token every report
 * about it must carry). Starting an attempt id already running is a no-op for the agent.
 *
 * @param inputs  file name to content (bytes; base64 in JSON), placed read-only under {@code /input}
 * @param runtime the workload runtime to run it with ({@code docker}, {@code process}); null from an older
 *                coordinator means {@code docker}
 */
public record StartAttempt(String attemptId, String workloadId, int replica, long fencingToken, String image,
        List<String> command, Map<String, String> env, int cpuMillis, int memoryMb, int timeoutSeconds,
        Map<String, byte[]> inputs, long maxOutputBytes, String runtime) {

    /** A start without a runtime name (docker). */
    public StartAttempt(String attemptId, String workloadId, int replica, long fencingToken, String image,
            List<String> command, Map<String, String> env, int cpuMillis, int memoryMb, int timeoutSeconds,
            Map<String, byte[]> inputs, long maxOutputBytes) {
        this(attemptId, workloadId, replica, fencingToken, image, command, env, cpuMillis, memoryMb, timeoutSeconds, inputs,
                maxOutputBytes, null);
    }
}
