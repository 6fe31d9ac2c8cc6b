package org.sharercloud.contributor.internal.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.runtime.WorkloadRuntime;

/**
 * The {@link WorkloadRuntime} services present, by their {@code name} property, as the component's dynamic
 * reference binds and unbinds them, and which of them this agent offers (the {@code runtime} setting, e.g.
 * {@code docker,process}). {@link #get(String)} gives an offered runtime while it is registered, or null: a runtime
 * that goes away stops being used at once.
 */
public final class RuntimeRegistry {
    private final List<String> offered;
    private final Map<String, WorkloadRuntime> byName = new ConcurrentHashMap<>();

    public RuntimeRegistry(List<String> offered) {
        this.offered = List.copyOf(offered);
    }

    /** A registry offering one runtime. */
    public RuntimeRegistry(String offered) {
        this(List.of(offered));
    }

    /** The runtimes this agent offers, in the order configured. */
    public List<String> offered() {
        return offered;
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

    /** The named runtime when this agent offers it and it is registered, else null. */
    public WorkloadRuntime get(String name) {
        return offered.contains(name) ? byName.get(name) : null;
    }

    /** The offered runtimes that are registered now, in the configured order. */
    public List<WorkloadRuntime> active() {
        List<WorkloadRuntime> out = new ArrayList<>();
        for (String n : offered) {
            WorkloadRuntime rt = byName.get(n);
            if (rt != null) {
                out.add(rt);
            }
        }
        return out;
    }

    /** Every runtime present (whether or not this agent uses it). */
    public java.util.Collection<WorkloadRuntime> present() {
        return java.util.List.copyOf(byName.values());
    }

    /**
     * Whether this agent runs plain processes: it offers the {@code process} runtime and that runtime's owner
     * enabled it (it says so through {@link WorkloadRuntime#available()}).
     */
    public boolean processEnabled() {
        WorkloadRuntime rt = get("process");
        return rt != null && rt.available();
    }
}
