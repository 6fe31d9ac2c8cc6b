package org.sharercloud.members.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every member's live state in memory: heartbeats and liveness checks touch only memory and mark
 * the member dirty; {@link #flush()} (every second) writes in one batch the members whose state
 * changed, and the others' last-seen time and metrics at most every {@code persist.seconds}, so the
 * store sees a few hundred narrow updates a second even with 10,000 members. Identity changes (join,
 * cordon, remove) are written by their callers before they land here.
 */
final class LiveMembers {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMembers.class);
    /** Transitions of one liveness check logged one by one at INFO; more (a network split, an overload) are summed up in one line. */
    private static final int LOGGED_TRANSITIONS = 20;

    private final Map<String, MemberRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byMachine = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Members whose host description or policy changed since the last flush (rare: written in full). */
    private final Set<String> described = ConcurrentHashMap.newKeySet();
    private final LongAdder heartbeats = new LongAdder();
    private final MemberRepository repo;
    private final EventPoster events;
    private final TransitionLog transitions;
    private final Liveness liveness;
    private final Clock clock;
    /** Elapsed time for liveness: a monotonic clock in nanoseconds ({@code System::nanoTime}), so a wall-clock step changes nothing. */
    private final java.util.function.LongSupplier nanos;

    private final long persistMillis;

    /**
     * @param nanos the monotonic clock liveness measures silence with; members loaded from the store count as heard from
     *              now (a restart is not their fault)
     */
    LiveMembers(MemberRepository repo, EventPoster events, TransitionLog transitions, Liveness liveness, Clock clock,
            java.util.function.LongSupplier nanos, long persistMillis) throws SQLException {
        this.repo = repo;
        this.persistMillis = persistMillis;
        this.events = events;
        this.transitions = transitions;
        this.liveness = liveness;
        this.clock = clock;
        this.nanos = nanos;
        long started = nanos.getAsLong();
        for (MemberRecord r : repo.loadAll()) {
            r.seenNanos = started;
            r.stored();
            r.restoreOwnerActivity();
            put(r);
        }
    }

    /** The monotonic clock's reading, in nanoseconds. */
    long nanos() {
        return nanos.getAsLong();
    }

    void put(MemberRecord r) {
        byId.put(r.id, r);
        byMachine.put(r.machineId, r.id);
    }

    MemberRecord find(String id) {
        return id == null ? null : byId.get(id);
    }

    MemberRecord byMachine(String machineId) {
        String id = byMachine.get(machineId);
        return id == null ? null : byId.get(id);
    }

    MemberRecord required(String id) {
        MemberRecord r = find(id);
        if (r == null) {
            throw ApiException.notFound("member " + id);
        }
        return r;
    }

    void forget(MemberRecord r) {
        byId.remove(r.id, r);
        byMachine.remove(r.machineId, r.id);
        dirty.remove(r.id);
        described.remove(r.id);
    }

    Member heartbeat(String memberId, Heartbeat hb) {
        MemberRecord r = find(memberId);
        if (r == null) {
            throw ApiException.unauthorized("unknown or removed member " + memberId + "; join again with a join token");
        }
        if (hb == null) {
            throw ApiException.badRequest("metrics", "send a JSON body with metrics (and optionally host and policy)");
        }
        InputRules.metrics(hb.metrics());
        HostInfo host = hb.host();
        if (host != null) {
            InputRules.host(host, "host");
            if (!host.machineId().equals(r.machineId)) {
                throw ApiException.badRequest("host.machineId", "a member's machineId cannot change; join again as a new member");
            }
        }
        InputRules.policy(hb.policy());
        long now = clock.millis();
        long mono = nanos.getAsLong();
        MemberState from;
        MemberState to;
        Member view;
        String reason;
        boolean cordoned;
        boolean changed = false;
        boolean runtimes = false;
        synchronized (r) {
            if (host != null && !host.equals(r.host)) {
                runtimes = r.host == null || !host.runtimes().equals(r.host.runtimes());
                r.host = host;
                changed = true;
            }
            if (hb.policy() != null) {
                SharingPolicy p = InputRules.normalize(hb.policy(), r.host);
                changed |= !p.equals(r.policy);
                r.policy = p;
            }
            r.metrics = hb.metrics();
            long silent = (mono - r.seenNanos) / 1_000_000;
            r.lastSeen = now;
            r.seenNanos = mono;
            from = r.state;
            r.ownerSample(hb.metrics(), now);
            MemberRecord.Pause pause = r.pause(Instant.ofEpochMilli(now), clock.getZone());
            to = Liveness.onHeartbeat(pause.paused());
            r.state = to;
            cordoned = r.cordoned;
            reason = Liveness.heartbeatReason(from, to, silent, pause.why());
            view = r.view();
        }
        dirty.add(memberId);
        if (changed) {
            described.add(memberId);
        }
        heartbeats.increment();
        if (from != to) {
            transitions.stateChanged(memberId, from, to, cordoned, reason, now);
        }
        if (runtimes) {
            LOG.info("Member {} ({}) runtimes now: {}", memberId, view.name(), view.runtimes().entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue().available() ? " available" : " unavailable ("
                            + e.getValue().detail() + ")")).collect(java.util.stream.Collectors.joining(", ")));
            events.runtimesChanged(memberId, view.runtimes(), now);
        }
        events.heartbeat(memberId, hb.metrics(), to, now);
        return view;
    }

    /** Applies the silence rules to every member; returns how many changed state. */
    int checkLiveness() {
        long now = clock.millis();
        long mono = nanos.getAsLong();
        int changed = 0;
        for (MemberRecord r : byId.values()) {
            MemberState from;
            MemberState to;
            boolean cordoned;
            long silent;
            synchronized (r) {
                from = r.state;
                silent = (mono - r.seenNanos) / 1_000_000;
                to = liveness.afterSilence(from, 0, silent);
                r.state = to;
                cordoned = r.cordoned;
            }
            if (from != to) {
                changed++;
                dirty.add(r.id);
                if (changed <= LOGGED_TRANSITIONS) {
                    LOG.info("Member {} ({}) is now {} (was {})", r.id, r.name, to, from);
                } else {
                    LOG.debug("Member {} ({}) is now {} (was {})", r.id, r.name, to, from);
                }
                transitions.stateChanged(r.id, from, to, cordoned, liveness.silenceReason(to, silent), now);
            }
        }
        if (changed > LOGGED_TRANSITIONS) {
            LOG.info("{} more members changed state in this liveness check (each one is an event; per member at DEBUG)", changed - LOGGED_TRANSITIONS);
        }
        return changed;
    }

    /** Writes dirty members and pending state changes to the store; on failure they stay pending for the next try. */
    void flush() {
        transitions.flush();
        List<MemberRecord> full = take(described, 0);
        List<MemberRecord> live = take(dirty, persistMillis);
        try {
            if (!full.isEmpty()) {
                repo.flushDescription(full);
            }
            if (!live.isEmpty()) {
                repo.flushLive(live);
            }
            full.forEach(MemberRecord::stored);
            live.forEach(MemberRecord::stored);
        } catch (SQLException | RuntimeException e) {
            full.forEach(r -> described.add(r.id));
            live.forEach(r -> dirty.add(r.id));
            LOG.warn("Could not write {} members' last-seen times and metrics to the store (will retry): {}", live.size(), e.getMessage());
        }
    }

    /** Removes from {@code ids} and returns the members due for a write; the others stay in the set. */
    private List<MemberRecord> take(Set<String> ids, long minMillis) {
        List<MemberRecord> batch = new ArrayList<>();
        for (String id : ids) {
            MemberRecord r = byId.get(id);
            if (r == null) {
                ids.remove(id);
            } else if (minMillis == 0 || r.due(minMillis)) {
                ids.remove(id);
                batch.add(r);
            }
        }
        return batch;
    }

    List<Member> list() {
        List<Member> out = new ArrayList<>(byId.size());
        for (MemberRecord r : byId.values()) {
            out.add(r.view());
        }
        out.sort(Comparator.comparing(Member::name).thenComparing(Member::id));
        return out;
    }

    Map<MemberState, Integer> countByState() {
        Map<MemberState, Integer> counts = new EnumMap<>(MemberState.class);
        for (MemberState s : MemberState.values()) {
            counts.put(s, 0);
        }
        for (MemberRecord r : byId.values()) {
            counts.merge(r.state(), 1, Integer::sum);
        }
        return counts;
    }

    long heartbeatsTotal() {
        return heartbeats.sum();
    }

    int pending() {
        return dirty.size();
    }
}
