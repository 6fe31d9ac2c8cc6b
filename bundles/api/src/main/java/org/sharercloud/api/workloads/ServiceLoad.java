package org.sharercloud.api.workloads;

import java.util.List;

/**
 * One autoscaled service as the autoscaler sees it.
 *
 * @param workloadId the service workload
 * @param policy     its autoscaling policy, with defaults filled in
 * @param replicas   replicas it keeps now
 * @param cpuMillis  CPU request of one replica (100 % utilisation)
 * @param running    live usage of its RUNNING attempts
 */
public record ServiceLoad(String workloadId, AutoscalePolicy policy, int replicas, int cpuMillis, List<ReplicaUsage> running) {
}
