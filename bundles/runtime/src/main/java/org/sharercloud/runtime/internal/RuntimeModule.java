package org.sharercloud.runtime.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.runtime.WorkloadRuntime;

/**
 * Announces the runtime module to health while its bundle runs and its WorkloadRuntime is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=runtime")
public class RuntimeModule implements SharerModule {
    @Activate
    public RuntimeModule(@Reference WorkloadRuntime service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "runtime";
    }
}
