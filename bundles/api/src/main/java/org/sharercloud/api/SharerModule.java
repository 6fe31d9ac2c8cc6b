package org.sharercloud.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by each architecture module while it is running, so that health can tell a module
 * whose bundle is stopped (no service: DOWN) from one that serves. The {@link #MODULE} service
 * property carries the module name.
 */
@ConsumerType
public interface SharerModule {
    /** Service property holding the module name. */
    String MODULE = "sharer.module";

    /** The modules a coordinator is made of, in display order. */
    List<String> COORDINATOR_MODULES = List.of("store", "members", "workloads", "scheduler", "forecast", "monitoring", "runtime");

    /** Module name, as in {@link #COORDINATOR_MODULES}. */
    String name();

    /** {@code UP} when serving; a module may report {@code DEGRADED} with a reason in {@link #detail()}. */
    default String state() {
        return "UP";
    }

    /** Human-readable detail, or {@code null}. */
    default String detail() {
        return null;
    }
}
