package org.sharercloud.monitoring.internal;

import java.util.Map;

import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;

/** The coordinator's gauges and counters and each live member's load, as Prometheus text. */
final class Exposition {
    private static final double MB = 1024.0 * 1024.0;

    private Exposition() {
    }

    static String render(MemberService members, LiveGauges g, int queued, int online) {
        PrometheusText t = new PrometheusText();
        Map<MemberState, Integer> byState = null;
        try {
            byState = members == null ? null : members.countByState();
        } catch (RuntimeException e) {
            // the members module went away meanwhile
        }
        t.family("sharer_members_module_up", "gauge", "1 when the members module is running.").sample("sharer_members_module_up", byState == null ? 0 : 1);
        if (byState != null) {
            t.family("sharer_members", "gauge", "Members by state.");
            for (MemberState s : MemberState.values()) {
                t.sample("sharer_members", "state", s.name(), byState.getOrDefault(s, 0));
            }
        }
        t.family("sharer_heartbeats_total", "counter", "Heartbeats received since monitoring started.").sample("sharer_heartbeats_total", g.heartbeats.sum());
        t.family("sharer_heartbeats_per_second", "gauge", "Heartbeats per second over the last 10 seconds.").sample("sharer_heartbeats_per_second", g.rate());
        t.family("sharer_metric_samples_written_total", "counter", "Metric samples written to the store.")
                .sample("sharer_metric_samples_written_total", g.written.sum());
        t.family("sharer_metric_samples_dropped_total", "counter", "Metric samples dropped (queue full or store failure).")
                .sample("sharer_metric_samples_dropped_total", g.dropped.sum());
        t.family("sharer_metric_queue", "gauge", "Metric samples waiting to be written.").sample("sharer_metric_queue", queued);
        t.family("sharer_members_online_tracked", "gauge", "Members monitoring currently counts as ONLINE.").sample("sharer_members_online_tracked", online);
        Map<String, HostMetrics> latest = g.latest;
        t.family("sharer_member_cpu_load", "gauge", "Whole-machine CPU use of a member, 0..1.");
        latest.forEach((id, m) -> t.sample("sharer_member_cpu_load", "member", id, m.cpuLoad()));
        t.family("sharer_member_owner_load", "gauge", "CPU use of the owner's own processes on a member, 0..1.");
        latest.forEach((id, m) -> t.sample("sharer_member_owner_load", "member", id, m.ownerLoad()));
        t.family("sharer_member_memory_used_bytes", "gauge", "Memory in use on a member.");
        latest.forEach((id, m) -> t.sample("sharer_member_memory_used_bytes", "member", id, m.memoryUsedMb() * MB));
        t.family("sharer_member_memory_total_bytes", "gauge", "Physical memory of a member.");
        latest.forEach((id, m) -> t.sample("sharer_member_memory_total_bytes", "member", id, m.memoryTotalMb() * MB));
        return t.toString();
    }
}
