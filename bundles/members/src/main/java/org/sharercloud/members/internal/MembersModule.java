package org.sharercloud.members.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.members.MemberService;

/**
 * Announces the members module to health while its bundle runs and its MemberService is active (a module
 * whose own service cannot run, e.g. without the store, is DOWN).
 */
@Component(service = SharerModule.class, property = SharerModule.MODULE + "=members")
public class MembersModule implements SharerModule {
    @Activate
    public MembersModule(@Reference MemberService service) {
        // present only while the module's service is
    }

    @Override
    public String name() {
        return "members";
    }
}
