package org.sharercloud.contributor.internal.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.runtime.WorkloadRuntime;

/**
 * The {@link WorkloadRuntime} services present, by their {@code name} property, as the component's dynamic
 * reference binds and unbinds them. {@link #get()} is the one this agent is configured to use, or null while
 * it is absent: a runtime that goes away stops being used at once.
 */
public final class RuntimeRegistry {
    private final String selected;
    private final Map<String, WorkloadRuntime> byName = new ConcurrentHashMap<>();

    public RuntimeRegistry(String selected) {
        this.selected = selected;
    }

    public String selected() {
        return selected;
    }

    public void add(String name, WorkloadRuntime runtime) {
        if (name != null) {
            byName.put(name, runtime);
        }
    }

    public void remove(String name, WorkloadRuntime runtime) {
        if (name != null) {
            byName.remove(name, runtime);
        }
    }

    /** Every runtime present (whether or not this agent uses it). */
    public java.util.Collection<WorkloadRuntime> present() {
        return java.util.List.copyOf(byName.values());
    }

    /** The configured runtime, or null. */
    public WorkloadRuntime get() {
        return byName.get(selected);
    }

    /**
     * Whether this agent runs plain processes: the {@code process} runtime is the configured one and its owner
     * enabled it (it says so through {@link WorkloadRuntime#available()}).
     */
    public boolean processEnabled() {
        WorkloadRuntime rt = get();
        return "process".equals(selected) && rt != null && rt.available();
    }
}
