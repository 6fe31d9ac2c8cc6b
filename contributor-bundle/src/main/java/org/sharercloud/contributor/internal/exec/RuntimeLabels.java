package org.sharercloud.contributor.internal.exec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.contributor.internal.host.HostProbe;

/**
 * The host description with the runtimes that work here now ({@link HostInfo#runtimes()}), one entry per runtime
 * this agent offers: {@code docker} while its runtime service is registered and the engine answers a ping (the probe
 * pings it every few seconds, so a vanished engine is reported at the next heartbeat), {@code process} while its
 * owner enabled it. {@code dockerAvailable} and the {@code docker} label follow the docker entry, and the label
 * {@value RuntimeStatus#PROCESS_LABEL}{@code =true} is kept while the process runtime is available (older
 * coordinators know only that).
 */
public final class RuntimeLabels implements HostProbe {
    public static final String PROCESS_LABEL = RuntimeStatus.PROCESS_LABEL;

    private final HostProbe probe;
    private final RuntimeRegistry runtimes;
    private final String dockerHost;

    /**
     * @param dockerHost where the probe pings the engine (for the detail of an unavailable docker runtime)
     */
    public RuntimeLabels(HostProbe probe, RuntimeRegistry runtimes, String dockerHost) {
        this.probe = probe;
        this.runtimes = runtimes;
        this.dockerHost = dockerHost;
    }

    public RuntimeLabels(HostProbe probe, RuntimeRegistry runtimes) {
        this(probe, runtimes, "unix:///var/run/docker.sock");
    }

    @Override
    public HostInfo host() {
        HostInfo h = probe.host();
        Map<String, RuntimeStatus> status = status(h.dockerAvailable());
        RuntimeStatus docker = status.get(RuntimeStatus.DOCKER);
        RuntimeStatus process = status.get(RuntimeStatus.PROCESS);
        boolean dockerOk = docker != null && docker.available();
        Map<String, String> labels = new LinkedHashMap<>(h.labels() == null ? Map.of() : h.labels());
        labels.put("docker", Boolean.toString(dockerOk));
        if (process != null && process.available()) {
            labels.put(PROCESS_LABEL, "true");
        } else {
            labels.remove(PROCESS_LABEL);
        }
        return new HostInfo(h.machineId(), h.hostname(), h.os(), h.arch(), h.cores(), h.memoryMb(), h.diskMb(), dockerOk,
                Map.copyOf(labels), status);
    }

    /** Each offered runtime's state now; {@code engineAnswers}: the probe's last Docker ping. */
    Map<String, RuntimeStatus> status(boolean engineAnswers) {
        Map<String, RuntimeStatus> out = new LinkedHashMap<>();
        for (String name : runtimes.offered()) {
            WorkloadRuntime rt = runtimes.get(name);
            RuntimeStatus s;
            if (rt == null) {
                s = RuntimeStatus.unavailable("no " + name + " runtime service running in this agent");
            } else if (RuntimeStatus.DOCKER.equals(name)) {
                s = engineAnswers ? RuntimeStatus.ok() : RuntimeStatus.unavailable("no reachable Docker engine at " + dockerHost);
            } else if (RuntimeStatus.PROCESS.equals(name)) {
                String why = rt.available() ? null : java.util.Objects.requireNonNullElse(rt.unavailableReason(), "unavailable");
                s = why == null ? RuntimeStatus.ok() : RuntimeStatus.unavailable("no process runtime enabled: " + why);
            } else {
                s = rt.available() ? RuntimeStatus.ok() : RuntimeStatus.unavailable("no working " + name + " runtime");
            }
            out.put(name, s);
        }
        return out;
    }

    @Override
    public HostMetrics sample() {
        return probe.sample();
    }
}
