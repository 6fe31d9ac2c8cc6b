package org.sharercloud.api.workloads;

import java.time.Instant;

/**
 * What the autoscaler last did to a service workload (null on workloads without autoscaling).
 *
 * @param currentReplicas replicas the service keeps now (its spec's {@code replicas} says the same)
 * @param lastDecision    the last change and why, e.g. {@code "3 -> 5: predictive: forecast 3.1 cores ..."}; null before any
 * @param decidedAt       when that change was made; null before any
 */
public record AutoscaleStatus(int currentReplicas, String lastDecision, Instant decidedAt) {
}
