package org.sharercloud.forecast.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the forecast module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=forecast")
public class ForecastModule implements SharerModule {
    @Override
    public String name() {
        return "forecast";
    }
}
