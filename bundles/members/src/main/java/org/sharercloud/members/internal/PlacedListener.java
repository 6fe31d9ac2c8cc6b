package org.sharercloud.members.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.workloads.AllocationTracker;
import org.sharercloud.api.workloads.WorkloadEvents;

/**
 * Feeds what the workloads module has placed on each member into the capacity model: every
 * {@link WorkloadEvents#ALLOCATION_CHANGED} event, and the whole picture from the
 * {@link AllocationTracker} when either side (re)starts, so a hot swap loses nothing.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + WorkloadEvents.ALLOCATION_CHANGED)
public class PlacedListener implements EventHandler {
    private final MemberService members;

    @Activate
    public PlacedListener(@Reference MemberService members) {
        this.members = members;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetTracker")
    void setTracker(AllocationTracker tracker) {
        for (Map.Entry<String, org.sharercloud.api.workloads.Allocation> e : tracker.byMember().entrySet()) {
            report(e.getKey(), e.getValue().cpuMillis(), e.getValue().memoryMb());
        }
    }

    void unsetTracker(AllocationTracker tracker) {
        // the last reported allocations stay until the workloads module reports again
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(WorkloadEvents.MEMBER_ID);
        if (id != null) {
            report(id.toString(), number(event.getProperty(WorkloadEvents.CPU_MILLIS)), number(event.getProperty(WorkloadEvents.MEMORY_MB)));
        }
    }

    private void report(String memberId, long cpu, long mem) {
        try {
            members.reportPlaced(memberId, cpu, mem);
        } catch (RuntimeException e) {
            // an unknown (removed) member: nothing to account
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
