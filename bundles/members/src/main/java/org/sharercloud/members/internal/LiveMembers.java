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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every member's live state in memory: heartbeats and liveness checks touch only memory and mark
 * the member dirty; {@link #flush()} writes dirty members to the store in one batch (called every
 * second). Identity changes (join, cordon, remove) are written by their callers before they land here.
 */
final class LiveMembers {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMembers.class);

    private final Map<String, MemberRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byMachine = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final LongAdder heartbeats = new LongAdder();
    private final MemberRepository repo;
    private final EventPoster events;
    private final Liveness liveness;
    private final Clock clock;
    /** Members loaded from the store are not judged on silence from before this instant (a restart is not their fault). */
    private final long startedAt;

    LiveMembers(MemberRepository repo, EventPoster events, Liveness liveness, Clock clock) throws SQLException {
        this.repo = repo;
        this.events = events;
        this.liveness = liveness;
        this.clock = clock;
        this.startedAt = clock.millis();
        for (MemberRecord r : repo.loadAll()) {
            put(r);
        }
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
        MemberState from;
        MemberState to;
        Member view;
        synchronized (r) {
            if (host != null) {
                r.host = host;
            }
            if (hb.policy() != null) {
                r.policy = MemberServiceImpl.normalize(hb.policy(), r.host);
            }
            r.metrics = hb.metrics();
            r.lastSeen = now;
            from = r.state;
            to = Liveness.onHeartbeat(r.paused(Instant.ofEpochMilli(now), clock.getZone()));
            r.state = to;
            view = r.view();
        }
        dirty.add(memberId);
        heartbeats.increment();
        if (from != to) {
            events.stateChanged(memberId, from, to, now);
        }
        events.heartbeat(memberId, hb.metrics(), to, now);
        return view;
    }

    /** Applies the silence rules to every member; returns how many changed state. */
    int checkLiveness() {
        long now = clock.millis();
        int changed = 0;
        for (MemberRecord r : byId.values()) {
            MemberState from;
            MemberState to;
            synchronized (r) {
                from = r.state;
                to = liveness.afterSilence(from, Math.max(r.lastSeen, startedAt), now);
                r.state = to;
            }
            if (from != to) {
                changed++;
                dirty.add(r.id);
                LOG.info("Member {} ({}) is now {} (was {})", r.id, r.name, to, from);
                events.stateChanged(r.id, from, to, now);
            }
        }
        return changed;
    }

    /** Writes dirty members to the store; on failure they stay dirty for the next try. */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<MemberRecord> batch = new ArrayList<>();
        for (String id : dirty) {
            dirty.remove(id);
            MemberRecord r = byId.get(id);
            if (r != null) {
                batch.add(r);
            }
        }
        try {
            repo.flush(batch);
        } catch (SQLException | RuntimeException e) {
            batch.forEach(r -> dirty.add(r.id));
            LOG.warn("Could not write {} members' last-seen times and metrics to the store (will retry): {}", batch.size(), e.getMessage());
        }
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
