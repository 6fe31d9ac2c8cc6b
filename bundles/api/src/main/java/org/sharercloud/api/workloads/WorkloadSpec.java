package org.sharercloud.api.workloads;

import java.util.List;
import java.util.Map;

/**
 * What a requestor submits (see API.md). Validation lives in the workloads module, which also fills
 * in defaults for the fields left {@code null} (the stored spec carries the values actually used).
 *
 * @param name           display name (default: the image name)
 * @param image          container image reference, e.g. {@code busybox:1.36} or {@code registry:5000/team/app@sha256:…}
 * @param command        command and arguments, not empty
 * @param env            environment variables (names {@code [A-Za-z_][A-Za-z0-9_]*})
 * @param cpuMillis      CPU request in millicores, 1..64000 (default 250)
 * @param memoryMb       memory limit in MB, 16..262144 (default 256)
 * @param timeoutSeconds wall-clock limit per attempt, 1..604800 (default 3600)
 * @param replicas       independent attempts (job) or instances kept running (service), 1..100 (default 1)
 * @param maxRetries     how often a lost or failed attempt of a replica is retried on another member, 0..10 (default 2)
 * @param inputs         file name to (UTF-8 text) content, placed read-only under {@code /input}; size-capped
 * @param constraints    labels a member must carry with exactly these values
 * @param priority       0..1000, higher is placed first and may preempt lower (default 0)
 * @param kind           job (default) or service
 * @param autoscaling    services only: scale {@code replicas} between a minimum and a maximum from the observed
 *                       (and, when predictive, forecast) CPU load; null for a fixed count
 * @param runtime        the workload runtime that runs it on the member: {@code docker} (default; a sandboxed
 *                       container) or {@code process} (a plain process, no isolation, only on members whose owner
 *                       enabled it). The scheduler places it only where that runtime works now
 */
public record WorkloadSpec(String name, String image, List<String> command, Map<String, String> env, Integer cpuMillis,
        Integer memoryMb, Integer timeoutSeconds, Integer replicas, Integer maxRetries, Map<String, String> inputs,
        Map<String, String> constraints, Integer priority, WorkloadKind kind, AutoscalePolicy autoscaling, String runtime) {

    /** A spec without a runtime (the form before runtimes were named: docker). */
    public WorkloadSpec(String name, String image, List<String> command, Map<String, String> env, Integer cpuMillis,
            Integer memoryMb, Integer timeoutSeconds, Integer replicas, Integer maxRetries, Map<String, String> inputs,
            Map<String, String> constraints, Integer priority, WorkloadKind kind, AutoscalePolicy autoscaling) {
        this(name, image, command, env, cpuMillis, memoryMb, timeoutSeconds, replicas, maxRetries, inputs, constraints, priority,
                kind, autoscaling, null);
    }

    /** A spec without autoscaling (the form before autoscaling existed). */
    public WorkloadSpec(String name, String image, List<String> command, Map<String, String> env, Integer cpuMillis,
            Integer memoryMb, Integer timeoutSeconds, Integer replicas, Integer maxRetries, Map<String, String> inputs,
            Map<String, String> constraints, Integer priority, WorkloadKind kind) {
        this(name, image, command, env, cpuMillis, memoryMb, timeoutSeconds, replicas, maxRetries, inputs, constraints, priority,
                kind, null);
    }

    /** A job running {@code command} in {@code image} with every other field defaulted. */
    public static WorkloadSpec job(String image, List<String> command) {
        return new WorkloadSpec(null, image, command, null, null, null, null, null, null, null, null, null, WorkloadKind.JOB);
    }

    /** This spec with another replica count (and everything else kept). */
    public WorkloadSpec withReplicas(int count) {
        return new WorkloadSpec(name, image, command, env, cpuMillis, memoryMb, timeoutSeconds, count, maxRetries, inputs,
                constraints, priority, kind, autoscaling, runtime);
    }
}
