package org.sharercloud.workloads.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sharercloud.api.workloads.WorkloadState;

/**
 * What a transaction changed, applied only after it committed: the agent is told, allocations are
 * recounted, events posted and waiting readers woken. Nothing is announced that is not in the store.
 */
public final class Changes {
    final List<Object[]> puts = new ArrayList<>();
    final List<String[]> removes = new ArrayList<>();
    final Set<String> members = new LinkedHashSet<>();
    final Map<String, WorkloadState> states = new LinkedHashMap<>();
    final List<Runnable> after = new ArrayList<>();
    boolean trigger;
    boolean signal;

    /** Tell a member's agent something. */
    public void put(String memberId, Object item) {
        puts.add(new Object[] {memberId, item});
    }

    /** An outbox item was acknowledged. */
    public void remove(String memberId, String key) {
        removes.add(new String[] {memberId, key});
    }

    /** What is placed on this member changed. */
    public void member(String memberId) {
        members.add(memberId);
    }

    public void state(String workloadId, WorkloadState s) {
        states.put(workloadId, s);
        signal = true;
    }

    public void trigger() {
        trigger = true;
    }

    /** Wake readers waiting for logs, results or reservation changes. */
    public void signal() {
        signal = true;
    }

    /** Anything else to do after the commit. */
    public void after(Runnable r) {
        after.add(r);
    }

    public List<Object[]> puts() {
        return puts;
    }

    public List<String[]> removes() {
        return removes;
    }

    public Set<String> members() {
        return members;
    }

    public Map<String, WorkloadState> states() {
        return states;
    }

    public List<Runnable> afters() {
        return after;
    }

    public boolean triggered() {
        return trigger;
    }

    public boolean signalled() {
        return signal;
    }
}
