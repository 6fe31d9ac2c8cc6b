package org.sharercloud.api.members;

import java.util.Map;

/**
 * What a contributor machine is, sent at join and with heartbeats.
 *
 * @param machineId       a stable id of the machine (survives restarts), so a re-join keeps the member
 * @param hostname        the machine's name, for display
 * @param os              operating system family and version
 * @param arch            CPU architecture, e.g. {@code amd64}
 * @param cores           logical processors
 * @param memoryMb        physical memory
 * @param diskMb          free disk space usable for work
 * @param dockerAvailable whether a Docker engine answers on this machine
 * @param labels          free-form labels (os, arch, gpu, custom) used by placement constraints
 */
public record HostInfo(String machineId, String hostname, String os, String arch, int cores, long memoryMb,
        long diskMb, boolean dockerAvailable, Map<String, String> labels) {
}
