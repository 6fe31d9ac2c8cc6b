package org.sharercloud.simulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.api.scheduler.SchedulingQueue;

/** The simulator's workloads module: pending tasks in priority/age order, attempts on members. */
final class SimQueue implements SchedulingQueue {
    /** A task while it lives in the simulation. */
    static final class Task {
        final TaskArrival arrival;
        final Demand demand;
        double remaining;

        Task(TaskArrival a, long submittedAt) {
            this.arrival = a;
            this.remaining = a.durationSeconds();
            this.demand = new Demand(a.id(), 0, a.cpuMillis(), a.memoryMb(), a.priority(), a.durationSeconds(),
                    Map.of(), Instant.ofEpochSecond(submittedAt));
        }
    }

    /** One attempt of a task on a member. */
    static final class Attempt {
        final String id;
        final Task task;
        final SimMember member;
        final long startedAt;

        Attempt(String id, Task task, SimMember member, long startedAt) {
            this.id = id;
            this.task = task;
            this.member = member;
            this.startedAt = startedAt;
        }
    }

    private static final Comparator<Demand> ORDER = Comparator.comparingInt(Demand::priority).reversed()
            .thenComparing(Demand::submittedAt).thenComparing(Demand::workloadId);
    private final TreeMap<Demand, Task> pending = new TreeMap<>(ORDER);
    private final Map<String, Task> byId = new HashMap<>();
    private final Map<String, Attempt> attempts = new HashMap<>();
    private final Map<String, SimMember> members;
    private long now;
    private long nextAttempt;
    int preempted;

    SimQueue(Map<String, SimMember> members) {
        this.members = members;
    }

    void setNow(long t) {
        now = t;
    }

    void add(Task t) {
        pending.put(t.demand, t);
        byId.put(t.demand.workloadId(), t);
    }

    int pendingCount() {
        return pending.size();
    }

    /** Puts an interrupted or evicted attempt's task back, with its progress lost. */
    void requeue(Attempt a) {
        release(a);
        a.task.remaining = a.task.arrival.durationSeconds();
        pending.put(a.task.demand, a.task);
    }

    void release(Attempt a) {
        attempts.remove(a.id);
        a.member.running.remove(a);
        a.member.cpuAllocated -= a.task.demand.cpuMillis();
        a.member.memAllocated -= a.task.demand.memoryMb();
    }

    @Override
    public List<Demand> pending() {
        return new ArrayList<>(pending.keySet());
    }

    @Override
    public String bind(Demand demand, String memberId, String reason) {
        Task t = pending.remove(demand);
        if (t == null) {
            throw ApiException.conflict(demand.workloadId() + " is not pending");
        }
        SimMember m = members.get(memberId);
        Attempt a = new Attempt("a" + (nextAttempt++), t, m, now);
        attempts.put(a.id, a);
        m.running.add(a);
        m.cpuAllocated += demand.cpuMillis();
        m.memAllocated += demand.memoryMb();
        return a.id;
    }

    @Override
    public List<RunningAttempt> running() {
        List<RunningAttempt> out = new ArrayList<>(attempts.size());
        for (Attempt a : attempts.values()) {
            Demand d = a.task.demand;
            out.add(new RunningAttempt(a.id, d.workloadId(), a.member.id, d.cpuMillis(), d.memoryMb(), d.priority(),
                    Instant.ofEpochSecond(a.startedAt)));
        }
        return out;
    }

    @Override
    public void preempt(String attemptId, String reason) {
        Attempt a = attempts.get(attemptId);
        if (a == null) {
            throw ApiException.conflict(attemptId + " is not running");
        }
        preempted++;
        requeue(a);
    }
}
