package org.sharercloud.workloads.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the workloads module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=workloads")
public class WorkloadsModule implements SharerModule {
    @Override
    public String name() {
        return "workloads";
    }
}
