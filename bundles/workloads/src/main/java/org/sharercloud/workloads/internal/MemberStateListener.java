package org.sharercloud.workloads.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A member going OFFLINE loses its attempts (retried elsewhere) and its reserved workers. */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + MemberEvents.STATE_CHANGED)
public class MemberStateListener implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MemberStateListener.class);
    private final WorkloadsCore core;

    @Activate
    public MemberStateListener(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public void handleEvent(Event event) {
        Object to = event.getProperty(MemberEvents.TO);
        Object member = event.getProperty(MemberEvents.MEMBER_ID);
        if (member == null || to == null || !MemberState.OFFLINE.name().equals(to.toString())) {
            return;
        }
        String id = member.toString();
        int lost = core.mutate((c, ch) -> core.lifecycle.memberLost(c, ch, id, false));
        if (lost > 0) {
            LOG.info("Member {} went OFFLINE: {} attempt(s) and reserved worker(s) lost; retries are pending", id, lost);
        }
    }
}
