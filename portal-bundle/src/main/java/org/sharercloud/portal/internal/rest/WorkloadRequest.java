package org.sharercloud.portal.internal.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.AutoscalePolicy;
import org.sharercloud.api.workloads.WorkloadKind;
import org.sharercloud.api.workloads.WorkloadSpec;

/**
 * The JSON body of {@code POST /api/v1/workloads} (and of {@code workload-submit --file}): the spec of
 * API.md with {@code kind} as {@code job} or {@code service}, for a service an optional {@code autoscaling}
 * policy, and the {@code runtime} ({@code docker} or {@code process}). Omitted fields take their defaults.
 */
public record WorkloadRequest(String name, String image, List<String> command, Map<String, String> env, Integer cpuMillis,
        Integer memoryMb, Integer timeoutSeconds, Integer replicas, Integer maxRetries, Map<String, String> inputs,
        Map<String, String> constraints, Integer priority, String kind, AutoscalePolicy autoscaling, String runtime) {

    /** A request without a runtime (docker). */
    public WorkloadRequest(String name, String image, List<String> command, Map<String, String> env, Integer cpuMillis,
            Integer memoryMb, Integer timeoutSeconds, Integer replicas, Integer maxRetries, Map<String, String> inputs,
            Map<String, String> constraints, Integer priority, String kind, AutoscalePolicy autoscaling) {
        this(name, image, command, env, cpuMillis, memoryMb, timeoutSeconds, replicas, maxRetries, inputs, constraints, priority,
                kind, autoscaling, null);
    }

    public WorkloadSpec toSpec() {
        return new WorkloadSpec(name, image, command, env, cpuMillis, memoryMb, timeoutSeconds, replicas, maxRetries, inputs,
                constraints, priority, kind(kind), autoscaling, runtime);
    }

    static WorkloadKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return WorkloadKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind", "kind must be job or service");
        }
    }
}
