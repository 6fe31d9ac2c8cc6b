package org.sharercloud.scheduler.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the scheduler module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=scheduler")
public class SchedulerModule implements SharerModule {
    @Override
    public String name() {
        return "scheduler";
    }
}
