package org.sharercloud.members.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberState;

/**
 * Posts the members module's events (asynchronously: callers never wait for listeners). A change another coordinator
 * made, read from the store, is posted with {@link MemberEvents#OBSERVED}.
 */
final class EventPoster {
    private final EventAdmin events;

    EventPoster(EventAdmin events) {
        this.events = events;
    }

    void stateChanged(String memberId, MemberState from, MemberState to, String reason, long at) {
        stateChanged(memberId, from, to, reason, at, false);
    }

    /** {@code observed}: another coordinator made the change and this one read it from the store ({@link MemberEvents#OBSERVED}). */
    void stateChanged(String memberId, MemberState from, MemberState to, String reason, long at, boolean observed) {
        Map<String, Object> p = base(memberId, at, observed);
        p.put(MemberEvents.FROM, from.name());
        p.put(MemberEvents.TO, to.name());
        p.put(MemberEvents.REASON, reason == null ? "" : reason);
        post(MemberEvents.STATE_CHANGED, p);
    }

    void heartbeat(String memberId, HostMetrics metrics, MemberState state, long at) {
        Map<String, Object> p = base(memberId, at);
        p.put(MemberEvents.METRICS, metrics);
        p.put(MemberEvents.STATE, state.name());
        post(MemberEvents.HEARTBEAT, p);
    }

    void joined(String memberId, String name, boolean rejoin, long at) {
        joined(memberId, name, rejoin, at, false);
    }

    void joined(String memberId, String name, boolean rejoin, long at, boolean observed) {
        Map<String, Object> p = base(memberId, at, observed);
        p.put(MemberEvents.NAME, name);
        p.put(MemberEvents.REJOIN, rejoin);
        post(MemberEvents.JOINED, p);
    }

    void cordoned(String memberId, boolean cordoned, long at) {
        cordoned(memberId, cordoned, at, false);
    }

    void cordoned(String memberId, boolean cordoned, long at, boolean observed) {
        Map<String, Object> p = base(memberId, at, observed);
        p.put(MemberEvents.CORDONED_FLAG, cordoned);
        post(MemberEvents.CORDONED, p);
    }

    void runtimesChanged(String memberId, Map<String, org.sharercloud.api.members.RuntimeStatus> runtimes, long at) {
        runtimesChanged(memberId, runtimes, at, false);
    }

    void runtimesChanged(String memberId, Map<String, org.sharercloud.api.members.RuntimeStatus> runtimes, long at, boolean observed) {
        Map<String, Object> p = base(memberId, at, observed);
        p.put(MemberEvents.RUNTIMES, runtimes);
        post(MemberEvents.RUNTIMES_CHANGED, p);
    }

    void removed(String memberId, long at) {
        removed(memberId, at, false);
    }

    void removed(String memberId, long at, boolean observed) {
        post(MemberEvents.REMOVED, base(memberId, at, observed));
    }

    private static Map<String, Object> base(String memberId, long at) {
        return base(memberId, at, false);
    }

    private static Map<String, Object> base(String memberId, long at, boolean observed) {
        Map<String, Object> p = new HashMap<>(8);
        if (observed) {
            p.put(MemberEvents.OBSERVED, Boolean.TRUE);
        }
        p.put(MemberEvents.MEMBER_ID, memberId);
        p.put(EventConstants.TIMESTAMP, at);
        return p;
    }

    private void post(String topic, Map<String, Object> props) {
        events.postEvent(new Event(topic, props));
    }
}
