package org.sharercloud.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered, with its {@link #MODULE} service property, by each architecture module's main component
 * beside that component's own services (the members module's {@code MemberService}, the store's
 * {@code DataSource}, …), so that health can tell a module whose component does not run (no service:
 * DOWN, be it a stopped bundle or a missing mandatory dependency) from one that serves (UP).
 */
@ConsumerType
public interface SharerModule {
    /** Service property holding the module name, one of {@link #COORDINATOR_MODULES}. */
    String MODULE = "sharer.module";

    /** The modules a coordinator is made of, in display order. */
    List<String> COORDINATOR_MODULES = List.of("store", "members", "workloads", "scheduler", "forecast", "monitoring", "runtime");
}
