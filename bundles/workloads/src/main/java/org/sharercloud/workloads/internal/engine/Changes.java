package org.sharercloud.workloads.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.WorkloadState;

/**
 * What a transaction changed, applied by {@link Engine} only after it committed: the agents' outboxes
 * are updated, allocations recounted, usage and command caches updated, events posted and waiting
 * readers woken. Nothing is announced that is not in the store, and a transaction that rolls back
 * announces nothing. Steps record here; they never touch a cache themselves. Only {@link Engine} reads
 * what was recorded.
 */
public final class Changes {
    /** Tell a member's agent something: the item replaces a waiting one with the same key. */
    public record Delivery(String memberId, ItemKey key, Object item) {
    }

    /** A member's agent no longer needs an item (it acknowledged it, or it was overtaken). */
    public record Withdrawal(String memberId, ItemKey key) {
    }

    /** A USAGE report of a running attempt (cumulative CPU seconds at a time). */
    public record UsageReport(String attemptId, double cpuSeconds, long atMillis) {
    }

    /** The commands waiting on a member's workers (or on one reservation's, when not null) fail. */
    public record ExecFailure(String memberId, String reservationId, String why) {
    }

    /** A reserved worker answered a command. */
    public record ExecAnswer(String execId, String reservationId, ExecResult result) {
    }

    final List<Delivery> deliveries = new ArrayList<>();
    final List<Withdrawal> withdrawals = new ArrayList<>();
    final Set<String> members = new LinkedHashSet<>();
    final Map<String, WorkloadState> states = new LinkedHashMap<>();
    final List<UsageReport> usage = new ArrayList<>();
    final Set<String> endedAttempts = new LinkedHashSet<>();
    final List<ExecFailure> execFailures = new ArrayList<>();
    final List<ExecAnswer> execAnswers = new ArrayList<>();
    final List<Runnable> after = new ArrayList<>();
    final Set<String> news = new LinkedHashSet<>();
    boolean trigger;
    boolean signal;

    /** Tell a member's agent something (an agent message: start, stop, reserve, release, exec). */
    public void put(String memberId, Object item) {
        deliveries.add(new Delivery(memberId, ItemKey.of(item), item));
    }

    /** An outbox item is no longer needed. */
    public void remove(String memberId, ItemKey key) {
        withdrawals.add(new Withdrawal(memberId, key));
    }

    /** What is placed on this member changed. */
    public void member(String memberId) {
        members.add(memberId);
    }

    /** A workload changed state (also wakes the readers waiting on it). */
    public void state(String workloadId, WorkloadState s) {
        states.put(workloadId, s);
        news.add(workloadId);
    }

    /** The scheduler should run a pass. */
    public void trigger() {
        trigger = true;
    }

    /** Wake every reader waiting for logs, results or reservation changes. */
    public void signal() {
        signal = true;
    }

    /** Wake the readers waiting on this workload (its logs) or reservation (its state); blocked readers wake too. */
    public void news(String key) {
        news.add(key);
    }

    /** A running attempt reported its usage. */
    public void usage(String attemptId, double cpuSeconds, long atMillis) {
        usage.add(new UsageReport(attemptId, cpuSeconds, atMillis));
    }

    /** An attempt became final: its live usage is forgotten. */
    public void attemptEnded(String attemptId) {
        endedAttempts.add(attemptId);
    }

    /** Commands waiting on the member's workers (or on one reservation's) fail with {@code why}. */
    public void failExecs(String memberId, String reservationId, String why) {
        execFailures.add(new ExecFailure(memberId, reservationId, why));
    }

    /** A command's result arrived. */
    public void execAnswered(String execId, String reservationId, ExecResult result) {
        execAnswers.add(new ExecAnswer(execId, reservationId, result));
    }

    /** Anything else to do after the commit (logging). */
    public void after(Runnable r) {
        after.add(r);
    }
}
