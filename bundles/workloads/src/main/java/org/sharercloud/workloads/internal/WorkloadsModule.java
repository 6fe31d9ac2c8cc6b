package org.sharercloud.workloads.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.workloads.WorkloadService;

/**
 * Announces the workloads module to health while its bundle runs and its WorkloadService is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=workloads")
public class WorkloadsModule implements SharerModule {
    @Activate
    public WorkloadsModule(@Reference WorkloadService service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "workloads";
    }
}
