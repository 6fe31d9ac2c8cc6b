package org.sharercloud.workloads.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.workloads.internal.engine.Engine;
import org.sharercloud.workloads.internal.engine.Lifecycle;
import org.sharercloud.workloads.internal.engine.MemberLoss;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members going away: a member going OFFLINE loses its attempts (retried elsewhere) and its reserved
 * workers. Because an OFFLINE event can be missed (this module was stopped, or the members module
 * was), the members holding attempts are also swept when the members module arrives, which includes
 * this component's start. Each loss is one transaction of its own ({@link Engine#mutate} around
 * {@link Lifecycle#memberLost}).
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + MemberEvents.STATE_CHANGED, immediate = true)
public class MemberStateListener implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MemberStateListener.class);
    private final WorkloadsCore core;

    @Activate
    public MemberStateListener(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setMembers(MemberService members) {
        sweepOffline(members);
    }

    void unsetMembers(MemberService members) {
        // nothing held: events stop with the members module
    }

    @Override
    public void handleEvent(Event event) {
        Object to = event.getProperty(MemberEvents.TO);
        Object member = event.getProperty(MemberEvents.MEMBER_ID);
        if (member == null || to == null || !MemberState.OFFLINE.name().equals(to.toString())
                || Boolean.TRUE.equals(event.getProperty(MemberEvents.OBSERVED))) {
            return; // another coordinator made this change and lost the member's work (MemberEvents#OBSERVED)
        }
        String id = member.toString();
        int lost = core.mutate((c, ch) -> core.lifecycle().memberLost(c, ch, id, MemberLoss.WENT_OFFLINE));
        if (lost > 0) {
            LOG.info("Member {} went OFFLINE: {} attempt(s) and reserved worker(s) lost; retries are pending", id, lost);
        }
    }

    /** Attempts on members already OFFLINE (or removed) are lost. */
    void sweepOffline(MemberService members) {
        try {
            List<String> active = core.read(c -> core.repos().attempts().activeMembers(c));
            for (String id : active) {
                MemberState state;
                try {
                    state = members.get(id).state();
                } catch (ApiException e) {
                    state = MemberState.OFFLINE; // removed meanwhile
                }
                if (state == MemberState.OFFLINE) {
                    int n = core.mutate((c, ch) -> core.lifecycle().memberLost(c, ch, id, MemberLoss.WENT_OFFLINE));
                    LOG.info("Member {} is OFFLINE: {} attempt(s)/worker(s) lost", id, n);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check members for lost attempts: {}", e.toString());
        }
    }
}
