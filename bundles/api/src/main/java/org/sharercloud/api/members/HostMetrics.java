package org.sharercloud.api.members;

/**
 * Live load of a contributor machine, carried by every heartbeat.
 *
 * @param cpuLoad       whole-machine CPU use, 0..1
 * @param ownerLoad     CPU use of the owner's own processes (not ours), 0..1
 * @param memoryUsedMb  memory in use on the machine
 * @param memoryTotalMb physical memory
 * @param diskFreeMb    free disk space
 * @param uptimeSeconds machine uptime
 */
public record HostMetrics(double cpuLoad, double ownerLoad, long memoryUsedMb, long memoryTotalMb, long diskFreeMb,
        long uptimeSeconds) {
}
