package org.sharercloud.monitoring.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the monitoring module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=monitoring")
public class MonitoringModule implements SharerModule {
    @Override
    public String name() {
        return "monitoring";
    }
}
