package org.sharercloud.monitoring.internal;

import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.testing.Configs;

/** Configuration and member events as the members module posts them (the store and clock come from org.sharercloud.testing). */
final class Fixtures {
    private Fixtures() {
    }

    static MonitoringConfig config(int queueCapacity) {
        return Configs.of(MonitoringConfig.class, Map.of("raw.hours", 24, "minute.days", 7, "quarter.days", 30, "flush.millis", 1000,
                "availability.flush.seconds", 60, "compact.minutes", 5, "queue.capacity", queueCapacity));
    }

    static Event heartbeat(String member, long ts, double cpu, long memoryUsedMb) {
        HostMetrics m = new HostMetrics(cpu, cpu / 2, memoryUsedMb, 16384, 1000, 60);
        return new Event(MemberEvents.HEARTBEAT, Map.of(MemberEvents.MEMBER_ID, member, MemberEvents.METRICS, m, MemberEvents.STATE, "ONLINE",
                EventConstants.TIMESTAMP, ts));
    }

    static Event stateChanged(String member, String from, String to, long ts) {
        return new Event(MemberEvents.STATE_CHANGED, Map.of(MemberEvents.MEMBER_ID, member, MemberEvents.FROM, from, MemberEvents.TO, to,
                EventConstants.TIMESTAMP, ts));
    }
}
