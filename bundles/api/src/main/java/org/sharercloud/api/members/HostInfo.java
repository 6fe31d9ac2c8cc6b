package org.sharercloud.api.members;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param dockerAvailable whether a Docker engine answers on this machine (kept for older clients: the same as
 *                        {@code runtimes.docker.available})
 * @param labels          free-form labels (os, arch, gpu, custom) used by placement constraints
 * @param runtimes        which workload runtimes work here now, by name ({@link RuntimeStatus#DOCKER},
 *                        {@link RuntimeStatus#PROCESS}); never null. When an agent sends none (an older agent),
 *                        it is derived: {@code docker} from {@code dockerAvailable}, unless the label
 *                        {@value RuntimeStatus#PROCESS_LABEL}{@code =true} says the agent runs only the process runtime
 */
public record HostInfo(String machineId, String hostname, String os, String arch, int cores, long memoryMb,
        long diskMb, boolean dockerAvailable, Map<String, String> labels, Map<String, RuntimeStatus> runtimes) {

    public HostInfo {
        runtimes = runtimes == null ? legacy(dockerAvailable, labels) : Collections.unmodifiableMap(new LinkedHashMap<>(runtimes));
    }

    /** A host as described before runtimes were reported: {@link #runtimes} derived from the other fields. */
    public HostInfo(String machineId, String hostname, String os, String arch, int cores, long memoryMb, long diskMb,
            boolean dockerAvailable, Map<String, String> labels) {
        this(machineId, hostname, os, arch, cores, memoryMb, diskMb, dockerAvailable, labels, null);
    }

    /** Whether the named runtime works here now. */
    public boolean runs(String runtime) {
        RuntimeStatus s = runtimes.get(runtime);
        return s != null && s.available();
    }

    private static Map<String, RuntimeStatus> legacy(boolean docker, Map<String, String> labels) {
        Map<String, RuntimeStatus> out = new LinkedHashMap<>();
        if (labels != null && "true".equals(labels.get(RuntimeStatus.PROCESS_LABEL))) {
            out.put(RuntimeStatus.DOCKER, RuntimeStatus.unavailable("the agent runs only the process runtime"));
            out.put(RuntimeStatus.PROCESS, RuntimeStatus.ok());
        } else {
            out.put(RuntimeStatus.DOCKER, docker ? RuntimeStatus.ok() : RuntimeStatus.unavailable("no reachable Docker engine"));
        }
        return Collections.unmodifiableMap(out);
    }
}
