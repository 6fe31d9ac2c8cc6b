package org.sharercloud.scheduler.internal.autoscale;

/**
 * What the autoscaler wants for one service after one interval.
 *
 * @param replicas the replica count to have (equal to the current one: no change)
 * @param reason   why, for the log and the workload's last decision
 */
public record Decision(int replicas, String reason) {
}
