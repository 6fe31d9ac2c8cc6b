package org.sharercloud.scheduler.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.scheduler.SchedulerService;

/**
 * Announces the scheduler module to health while its bundle runs and its SchedulerService is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=scheduler")
public class SchedulerModule implements SharerModule {
    @Activate
    public SchedulerModule(@Reference SchedulerService service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "scheduler";
    }
}
