package org.sharercloud.forecast.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.forecast.Forecaster;

/**
 * Announces the forecast module to health while its bundle runs and its Forecaster is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=forecast")
public class ForecastModule implements SharerModule {
    @Activate
    public ForecastModule(@Reference Forecaster service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "forecast";
    }
}
