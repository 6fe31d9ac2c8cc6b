package org.sharercloud.members.internal;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.SharerModule;

/** Announces the members module to health while its bundle runs. */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=members")
public class MembersModule implements SharerModule {
    @Override
    public String name() {
        return "members";
    }
}
