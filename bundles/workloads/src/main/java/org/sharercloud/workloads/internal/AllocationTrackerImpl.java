package org.sharercloud.workloads.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.AllocationTracker;

/** What is placed on each member, for the members module's capacity model. */
@Component(service = AllocationTracker.class)
public class AllocationTrackerImpl implements AllocationTracker {
    private final WorkloadsCore core;

    @Activate
    public AllocationTrackerImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public Map<String, Allocation> byMember() {
        return core.engine().allocations();
    }
}
