package org.sharercloud.portal.internal.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.scheduler.SchedulerEvents;
import org.sharercloud.api.workloads.WorkloadEvents;

/**
 * Fans the modules' EventAdmin events out to the connected live streams. Each stream has a bounded
 * queue: a stream that cannot keep up loses events and is told so ({@link Subscription#overflowed()}),
 * and the page then reloads what it shows. Who may see which event is decided by the stream's reader,
 * not here.
 */
@Component(service = {EventHub.class, EventHandler.class}, property = {
        EventConstants.EVENT_TOPIC + "=" + MemberEvents.ALL,
        EventConstants.EVENT_TOPIC + "=" + WorkloadEvents.ALL,
        EventConstants.EVENT_TOPIC + "=" + SchedulerEvents.PASS_DONE})
public class EventHub implements EventHandler {
    /** Streams open at once, at most; one more is refused with 429. */
    public static final int MAX_STREAMS = 200;
    static final int QUEUE = 20_000;

    private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();
    private final AtomicLong delivered = new AtomicLong();

    /** One open stream's queue. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile boolean overflowed;

        void offer(LiveEvent e) {
            if (!queue.offer(e)) {
                overflowed = true;
            }
        }

        public BlockingQueue<LiveEvent> queue() {
            return queue;
        }

        /** True once, after events were lost; cleared by this call. */
        public boolean overflowed() {
            boolean was = overflowed;
            overflowed = false;
            return was;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** A new subscription; 429 when {@link #MAX_STREAMS} are open. */
    public Subscription subscribe() {
        if (subscriptions.size() >= MAX_STREAMS) {
            throw new ApiException(429, null, "too many live streams are open (" + MAX_STREAMS + "); try again later");
        }
        Subscription s = new Subscription();
        subscriptions.add(s);
        return s;
    }

    public int streams() {
        return subscriptions.size();
    }

    /** Events handed to streams since start (one per stream it went to). */
    public long delivered() {
        return delivered.get();
    }

    @Override
    public void handleEvent(Event event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        LiveEvent e = toLive(event);
        if (e == null) {
            return;
        }
        for (Subscription s : subscriptions) {
            s.offer(e);
            delivered.incrementAndGet();
        }
    }

    /** The live form of an EventAdmin event, or null for topics the page does not use. */
    static LiveEvent toLive(Event event) {
        String topic = event.getTopic();
        String type = topic.substring(topic.lastIndexOf('/') + 1);
        Object ts = event.getProperty(EventConstants.TIMESTAMP);
        long at = ts instanceof Long l ? l : System.currentTimeMillis();
        Map<String, Object> data = new LinkedHashMap<>();
        if (topic.startsWith("org/sharercloud/members/")) {
            for (String k : new String[] {MemberEvents.FROM, MemberEvents.TO, MemberEvents.STATE, MemberEvents.NAME,
                MemberEvents.REJOIN, MemberEvents.CORDONED_FLAG}) {
                copy(event, k, data);
            }
            if (event.getProperty(MemberEvents.METRICS) instanceof HostMetrics m) {
                data.put("metrics", m);
            }
            return new LiveEvent("member", type, str(event, MemberEvents.MEMBER_ID), at, data);
        }
        if (topic.equals(WorkloadEvents.STATE_CHANGED)) {
            copy(event, WorkloadEvents.STATE, data);
            return new LiveEvent("workload", type, str(event, WorkloadEvents.WORKLOAD_ID), at, data);
        }
        if (topic.equals(WorkloadEvents.ALLOCATION_CHANGED)) {
            copy(event, WorkloadEvents.CPU_MILLIS, data);
            copy(event, WorkloadEvents.MEMORY_MB, data);
            return new LiveEvent("allocation", type, str(event, WorkloadEvents.MEMBER_ID), at, data);
        }
        if (topic.equals(SchedulerEvents.PASS_DONE)) {
            copy(event, SchedulerEvents.PLACED, data);
            copy(event, SchedulerEvents.PREEMPTED, data);
            return new LiveEvent("scheduler", type, null, at, data);
        }
        return null;
    }

    private static void copy(Event e, String key, Map<String, Object> into) {
        Object v = e.getProperty(key);
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            into.put(key, v);
        }
    }

    private static String str(Event e, String key) {
        Object v = e.getProperty(key);
        return v == null ? null : v.toString();
    }
}
