package org.sharercloud.api.workloads;

import java.util.List;
import java.util.Map;

/**
 * What a requestor submits (see API.md). Validation lives in the workloads module.
 *
 * @param name           display name
 * @param image          container image reference
 * @param command        command and arguments, not empty
 * @param env            environment variables
 * @param cpuMillis      CPU request in millicores
 * @param memoryMb       memory limit
 * @param timeoutSeconds wall-clock limit per attempt
 * @param replicas       independent attempts (job) or instances kept running (service)
 * @param maxRetries     how often a lost or failed attempt is retried elsewhere
 * @param inputs         file name to content, placed read-only under {@code /input}
 * @param constraints    labels a member must carry
 * @param priority       higher is placed first and may preempt lower
 * @param kind           job or service
 */
public record WorkloadSpec(String name, String image, List<String> command, Map<String, String> env, int cpuMillis,
        int memoryMb, int timeoutSeconds, int replicas, int maxRetries, Map<String, String> inputs,
        Map<String, String> constraints, int priority, WorkloadKind kind) {
}
