package org.sharercloud.api.members;

/**
 * Whether one workload runtime works on a member right now, as its agent last reported it (see
 * {@link HostInfo#runtimes()}). The scheduler places a workload only where its runtime is available.
 *
 * @param available whether work of this runtime can start here now
 * @param detail    why not, for people (e.g. "no reachable Docker engine at unix:///var/run/docker.sock"),
 *                  or null when available
 */
public record RuntimeStatus(boolean available, String detail) {
    /** The sandboxed container runtime (the default of every workload). */
    public static final String DOCKER = "docker";
    /** The opt-in runtime that runs plain processes without isolation. */
    public static final String PROCESS = "process";
    /** Label an agent running the process runtime still advertises (before runtimes were reported it was the only signal). */
    public static final String PROCESS_LABEL = "runtime.process";

    private static final RuntimeStatus OK = new RuntimeStatus(true, null);

    /** Available, no detail. */
    public static RuntimeStatus ok() {
        return OK;
    }

    /** Not available, for the given reason. */
    public static RuntimeStatus unavailable(String detail) {
        return new RuntimeStatus(false, detail);
    }
}
