package org.sharercloud.api.workloads;

/**
 * How a {@code service} workload is autoscaled: the coordinator keeps between {@code minReplicas} and
 * {@code maxReplicas} replicas running, aiming at {@code targetCpuPercent} CPU utilisation per replica
 * (measured against the spec's {@code cpuMillis} request). The spec's {@code replicas} is clamped into
 * [min, max] and is the starting count.
 *
 * @param minReplicas      fewest replicas, 1..100 (default 1)
 * @param maxReplicas      most replicas, minReplicas..100 (default the larger of 10 and minReplicas)
 * @param targetCpuPercent CPU utilisation per replica to aim at, 1..100 percent of its request (default 70)
 * @param predictive       also scale from the forecast of the next interval's load, before it arrives
 *                         (default false: purely reactive)
 */
public record AutoscalePolicy(Integer minReplicas, Integer maxReplicas, Integer targetCpuPercent, Boolean predictive) {

    /** A reactive policy. */
    public static AutoscalePolicy reactive(int minReplicas, int maxReplicas, int targetCpuPercent) {
        return new AutoscalePolicy(minReplicas, maxReplicas, targetCpuPercent, false);
    }

    /** A predictive policy. */
    public static AutoscalePolicy predictive(int minReplicas, int maxReplicas, int targetCpuPercent) {
        return new AutoscalePolicy(minReplicas, maxReplicas, targetCpuPercent, true);
    }

    /** {@code predictive}, false when unset. */
    public boolean isPredictive() {
        return Boolean.TRUE.equals(predictive);
    }
}
