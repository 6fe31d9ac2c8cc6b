package org.sharercloud.portal.internal.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.service.event.Event;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberEvents;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.SchedulerEvents;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.api.scheduler.SchedulerStatus;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.AllocationTracker;
import org.sharercloud.api.workloads.WorkloadEvents;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.Json;

/** The live stream's hub (mapping, bounded queues, stream cap) and the cluster series (sums, rate, ring). */
public class LiveTest {
    @Test
    public void eventsBecomeLiveEventsWithTheirData() throws Exception {
        HostMetrics metrics = new HostMetrics(0.5, 0.1, 100, 1000, 10, 60);
        LiveEvent hb = EventHub.toLive(new Event(MemberEvents.HEARTBEAT, Map.of(MemberEvents.MEMBER_ID, "m1", MemberEvents.METRICS, metrics,
                MemberEvents.STATE, "ONLINE", "timestamp", 1234L)));
        assertEquals(new LiveEvent("member", "HEARTBEAT", "m1", 1234L, Map.of("state", "ONLINE", "metrics", metrics)), hb);
        String json = Json.MAPPER.writeValueAsString(hb);
        assertTrue(json, json.contains("\"cpuLoad\":0.5") && json.contains("\"kind\":\"member\""));
        LiveEvent w = EventHub.toLive(new Event(WorkloadEvents.STATE_CHANGED, Map.of(WorkloadEvents.WORKLOAD_ID, "w1", WorkloadEvents.STATE, "RUNNING")));
        assertEquals("workload", w.kind());
        assertEquals("w1", w.id());
        assertEquals("RUNNING", w.data().get("state"));
        LiveEvent pass = EventHub.toLive(new Event(SchedulerEvents.PASS_DONE, Map.of(SchedulerEvents.PLACED, 3, SchedulerEvents.PREEMPTED, 0)));
        assertEquals(3, pass.data().get("placed"));
        assertNull("topics the page does not use are dropped", EventHub.toLive(new Event(SchedulerEvents.TRIGGER, Map.of())));
    }

    @Test
    public void aSlowStreamOverflowsAloneAndStreamsAreCapped() {
        EventHub hub = new EventHub();
        EventHub.Subscription slow = hub.subscribe();
        EventHub.Subscription other = hub.subscribe();
        Event e = new Event(WorkloadEvents.STATE_CHANGED, Map.of(WorkloadEvents.WORKLOAD_ID, "w", WorkloadEvents.STATE, "PENDING"));
        for (int i = 0; i < EventHub.QUEUE + 5; i++) {
            hub.handleEvent(e);
            if (i % 2 == 0) {
                other.queue().poll();
            }
        }
        assertTrue(slow.overflowed());
        assertFalse("told once", slow.overflowed());
        assertEquals(EventHub.QUEUE, slow.queue().size());
        assertFalse("the stream that kept up lost nothing", other.overflowed());
        slow.close();
        other.close();
        assertEquals(0, hub.streams());
        List<EventHub.Subscription> open = new ArrayList<>();
        for (int i = 0; i < EventHub.MAX_STREAMS; i++) {
            open.add(hub.subscribe());
        }
        try {
            hub.subscribe();
            fail("one stream too many");
        } catch (ApiException x) {
            assertEquals(429, x.status());
        }
        open.get(0).close();
        hub.subscribe().close();
    }

    private static Member member(String id, MemberState state, int cores, double load) {
        return new Member(id, id, state, false, new HostInfo("mid" + id, id, "Linux", "amd64", cores, 8192, 1000, true, Map.of()),
                SharingPolicy.unrestricted(8192), new HostMetrics(load, 0, 1000, 8192, 10, 10),
                new Capacity(cores * 1000L, 0, 4096, 0), Instant.EPOCH, Instant.EPOCH);
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, java.util.function.Function<String, Object> answers) {
        return (T) Proxy.newProxyInstance(LiveTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> answers.apply(m.getName()));
    }

    private static void inject(Services s, String field, Object value) throws Exception {
        Field f = Services.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(s, value);
    }

    @Test
    public void samplesSumLiveMembersAllocationsAndThePlacementRate() throws Exception {
        Services s = new Services();
        List<Member> members = List.of(member("a", MemberState.ONLINE, 2, 0.5), member("b", MemberState.DRAINING, 4, 0.25),
                member("c", MemberState.OFFLINE, 8, 1.0));
        inject(s, "members", fake(MemberService.class, m -> m.equals("list") ? members : null));
        inject(s, "allocations", fake(AllocationTracker.class, m -> m.equals("byMember")
                ? Map.of("a", new Allocation(500, 128, 1, 0), "b", new Allocation(250, 64, 0, 1)) : null));
        long[] placed = {10};
        inject(s, "scheduler", fake(SchedulerService.class, m -> m.equals("status")
                ? new SchedulerStatus("spread", "spread", null, 1, placed[0], 0, null, 0) : null));
        ClusterSeries series = new ClusterSeries(s);
        series.deactivate();
        ClusterSeries.Sample first = series.sample(1_000_000);
        assertEquals(1, first.online());
        assertEquals(3, first.members());
        assertEquals("ONLINE and DRAINING members offer", 6000, first.cpuTotalMillis());
        assertEquals(750, first.cpuAllocatedMillis());
        assertEquals(1000 + 1000, first.cpuUsedMillis());
        assertEquals(192, first.memoryAllocatedMb());
        assertEquals("no rate before a second sample", 0.0, first.placementsPerSecond(), 0);
        placed[0] = 30;
        assertEquals(4.0, series.sample(1_005_000).placementsPerSecond(), 1e-9);
        inject(s, "members", null);
        inject(s, "scheduler", null);
        ClusterSeries.Sample down = series.sample(1_010_000);
        assertEquals("modules down give zeros", 0, down.members());
    }

    @Test
    public void theRingKeepsTheLastHourOldestFirst() {
        ClusterSeries series = new ClusterSeries(new Services());
        series.deactivate();
        for (int i = 0; i < ClusterSeries.SIZE + 10; i++) {
            series.add(new ClusterSeries.Sample(Instant.ofEpochSecond(i), 0, 0, 0, 0, 0, 0, 0, i, 0));
        }
        List<ClusterSeries.Sample> all = series.since(null);
        assertEquals(ClusterSeries.SIZE, all.size());
        assertEquals(10, all.get(0).queue());
        assertEquals(ClusterSeries.SIZE + 9, all.get(all.size() - 1).queue());
        assertEquals(5, series.since(Instant.ofEpochSecond(ClusterSeries.SIZE + 5)).size());
    }
}
