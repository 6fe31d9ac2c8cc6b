package org.sharercloud.workloads.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sharercloud.api.workloads.WorkloadState;

/**
 * What one committed transaction tells the other coordinators, as ids only (the contract of the items this module
 * publishes on the {@link org.sharercloud.api.cluster.ClusterChannel}):
 * <ul>
 * <li>{@code o:MEMBER}: the member's outbox changed (something to start, stop, reserve or release, or an item acknowledged);</li>
 * <li>{@code a:MEMBER}: what is placed on the member changed (recount its allocation);</li>
 * <li>{@code w:WORKLOAD:STATE}: a workload changed state;</li>
 * <li>{@code t}: the scheduler should run a pass (only the leader places);</li>
 * <li>{@code s}: readers waiting for logs, results or reservation changes should look again.</li>
 * </ul>
 * Unknown items are ignored, so a newer coordinator may add kinds.
 */
public record ClusterItems(Set<String> outboxes, Set<String> allocations, Map<String, WorkloadState> states, boolean trigger,
        boolean signal) {

    /** The items for what a transaction recorded. */
    public static List<String> of(Changes ch) {
        List<String> out = new ArrayList<>();
        Set<String> boxes = new LinkedHashSet<>();
        ch.deliveries.forEach(d -> boxes.add(d.memberId()));
        ch.withdrawals.forEach(w -> boxes.add(w.memberId()));
        boxes.forEach(m -> out.add("o:" + m));
        ch.members.forEach(m -> out.add("a:" + m));
        ch.states.forEach((w, s) -> out.add("w:" + w + ":" + s.name()));
        if (ch.trigger) {
            out.add("t");
        }
        if (ch.signal && ch.states.isEmpty()) {
            out.add("s");
        }
        return out;
    }

    /** Reads items published by another coordinator. */
    public static ClusterItems parse(List<String> items) {
        Set<String> boxes = new LinkedHashSet<>();
        Set<String> allocs = new LinkedHashSet<>();
        Map<String, WorkloadState> states = new LinkedHashMap<>();
        boolean trigger = false;
        boolean signal = false;
        for (String i : items) {
            if (i.startsWith("o:") && i.length() > 2) {
                boxes.add(i.substring(2));
            } else if (i.startsWith("a:") && i.length() > 2) {
                allocs.add(i.substring(2));
            } else if (i.startsWith("w:")) {
                int colon = i.lastIndexOf(':');
                if (colon > 2) {
                    try {
                        states.put(i.substring(2, colon), WorkloadState.valueOf(i.substring(colon + 1)));
                    } catch (IllegalArgumentException unknown) {
                        signal = true;
                    }
                }
            } else if (i.equals("t")) {
                trigger = true;
            } else if (i.equals("s")) {
                signal = true;
            }
        }
        return new ClusterItems(boxes, allocs, states, trigger, signal);
    }
}
