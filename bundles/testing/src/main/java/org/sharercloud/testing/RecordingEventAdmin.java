package org.sharercloud.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.sharercloud.api.members.MemberEvents;

/** An EventAdmin that records every event posted or sent, in order, and delivers none. */
public final class RecordingEventAdmin implements EventAdmin {
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    /** Every event so far. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The topic of every event so far. */
    public List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }

    /** How many events so far have a topic ending with {@code topicSuffix}. */
    public long count(String topicSuffix) {
        return events.stream().filter(e -> e.getTopic().endsWith(topicSuffix)).count();
    }

    /** "from->to" of each member STATE_CHANGED event of a member, in order. */
    public List<String> transitions(String memberId) {
        return events.stream().filter(e -> e.getTopic().equals(MemberEvents.STATE_CHANGED) && memberId.equals(e.getProperty(MemberEvents.MEMBER_ID)))
                .map(e -> e.getProperty(MemberEvents.FROM) + "->" + e.getProperty(MemberEvents.TO)).toList();
    }

    /** Forgets what was recorded. */
    public void clear() {
        events.clear();
    }
}
