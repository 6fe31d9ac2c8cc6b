package org.sharercloud.monitoring.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.monitoring.MonitoringService;

/**
 * Announces the monitoring module to health while its bundle runs and its MonitoringService is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=monitoring")
public class MonitoringModule implements SharerModule {
    @Activate
    public MonitoringModule(@Reference MonitoringService service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "monitoring";
    }
}
