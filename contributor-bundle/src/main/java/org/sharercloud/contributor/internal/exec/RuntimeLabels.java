package org.sharercloud.contributor.internal.exec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.contributor.internal.HostProbe;

/**
 * The host description plus the label {@value #PROCESS_LABEL}{@code =true} while this agent runs workloads as
 * plain processes, so that only workloads that accept no isolation (a constraint on that label) land here.
 */
public final class RuntimeLabels implements HostProbe {
    public static final String PROCESS_LABEL = "runtime.process";

    private final HostProbe probe;
    private final RuntimeRegistry runtimes;

    public RuntimeLabels(HostProbe probe, RuntimeRegistry runtimes) {
        this.probe = probe;
        this.runtimes = runtimes;
    }

    @Override
    public HostInfo host() {
        HostInfo h = probe.host();
        if (!runtimes.processEnabled()) {
            return h;
        }
        Map<String, String> labels = new LinkedHashMap<>(h.labels() == null ? Map.of() : h.labels());
        labels.put(PROCESS_LABEL, "true");
        return new HostInfo(h.machineId(), h.hostname(), h.os(), h.arch(), h.cores(), h.memoryMb(), h.diskMb(),
                h.dockerAvailable(), Map.copyOf(labels));
    }

    @Override
    public HostMetrics sample() {
        return probe.sample();
    }
}
