package org.sharercloud.runtime.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the runtime module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=runtime")
public class RuntimeModule implements SharerModule {
    @Override
    public String name() {
        return "runtime";
    }
}
