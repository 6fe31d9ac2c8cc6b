package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
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
 * Every member's live state, cached in memory on each coordinator; the store is the truth shared by every coordinator.
 * A heartbeat touches only memory and marks the member dirty. Every {@code flush.millis} one round ({@link #sync})
 * writes behind and reads back:
 * <ol>
 * <li>{@link #flush()}: the members heard from here since the last round are stamped in one batched statement with the
 * database clock ({@code last_seen} and {@code changed_at}), with their state and metrics; so a heartbeat's stamp is
 * at most one round late;</li>
 * <li>{@link #refresh()}: the rows changed since the last read (by any coordinator; {@code changed_at} is indexed) and
 * the members removed meanwhile are applied to the cache, so members whose heartbeats land elsewhere are live here,
 * and changes made elsewhere are posted here as {@link org.sharercloud.api.members.MemberEvents#OBSERVED} events;</li>
 * <li>{@link #sweep}: on the leader only, members whose stored stamp is older than the SUSPECT or OFFLINE silence by
 * the database clock change state in one guarded, batched UPDATE (the stored row decides), and the leader posts those
 * transitions; the others see them at their next refresh.</li>
 * </ol>
 * Identity changes (join, cordon, remove) are written through by their callers, stamped with the database clock.
 */
final class LiveMembers {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMembers.class);
    /** Transitions of one liveness check logged one by one at INFO; more (a network split, an overload) are summed up in one line. */
    private static final int LOGGED_TRANSITIONS = 20;
    /**
     * How far back of the last read's database clock a refresh reads again: a write stamped before a read may commit
     * after it (the flush's transaction), so rows stamped this recently are read once more (applied once).
     */
    static final long OVERLAP_MILLIS = 3000;
    /**
     * Every this many rounds the refresh reads every row (decoding only those changed since applied) and every removal
     * still recorded: a write that took longer than the overlap to commit is picked up then at the latest.
     */
    static final int FULL_READ_ROUNDS = 300;

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
    /** The database clock of the last refresh, less {@link #OVERLAP_MILLIS}: the next one reads rows changed after it. */
    private long cursor;
    private int rounds;
    /**
     * The database clock when this coordinator started, or began to sweep after a round in which it did not lead (-1
     * while it does not lead): silence counts from then at the earliest, so a restart or a change of leader marks
     * nobody for time in which no coordinator swept (or stamped).
     */
    private long sweepingSince = -1;

    LiveMembers(MemberRepository repo, EventPoster events, TransitionLog transitions, Liveness liveness, Clock clock) throws SQLException {
        this.repo = repo;
        this.events = events;
        this.transitions = transitions;
        this.liveness = liveness;
        this.clock = clock;
        MemberRepository.Read all = repo.loadAll();
        for (MemberRecord r : all.rows()) {
            r.restoreOwnerActivity();
            put(r);
        }
        cursor = all.dbNow() - OVERLAP_MILLIS;
        sweepingSince = all.dbNow(); // members loaded at start count as heard from now (a restart is not their fault)
    }

    void put(MemberRecord r) {
        byId.put(r.id, r);
        byMachine.put(r.machineId, r.id);
    }

    /** The cached member, or null. */
    MemberRecord cached(String id) {
        return id == null ? null : byId.get(id);
    }

    /**
     * The member, from the cache or else from the store (one that joined through another coordinator since the last
     * refresh); null when neither knows it.
     */
    MemberRecord find(String id) {
        MemberRecord r = cached(id);
        return r != null || id == null ? r : reload(id);
    }

    /**
     * The member whose current credential {@code credential} is, or null. A miss (unknown here, or a credential that
     * does not match the cached one: a re-join through another coordinator) is checked once against the store.
     */
    MemberRecord holder(String id, String credential) {
        MemberRecord r = cached(id);
        if (r != null && Credentials.matches(r.credentialHash(), credential)) {
            return r;
        }
        r = reload(id);
        return r != null && Credentials.matches(r.credentialHash(), credential) ? r : null;
    }

    /** Reads one member from the store into the cache (as a refresh would); null when it is not stored. */
    MemberRecord reload(String id) {
        try {
            MemberRecord row = repo.find(id);
            if (row == null) {
                return null;
            }
            apply(row);
            return byId.get(id);
        } catch (SQLException e) {
            LOG.warn("Could not read member {} from the store: {}", id, e.getMessage());
            return null;
        }
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
            long silent = Math.max(0, now - r.lastSeen);
            r.lastSeen = now;
            from = r.state;
            r.ownerSample(hb.metrics(), now);
            MemberRecord.Pause pause = r.pause(Instant.ofEpochMilli(now), clock.getZone());
            to = Liveness.onHeartbeat(pause.paused());
            r.state = to;
            cordoned = r.cordoned;
            reason = Liveness.heartbeatReason(from, to, silent, pause.why());
            view = r.view();
            // inside the monitor: a refresh applying a stored row (under it) never overwrites a heartbeat not yet flushed
            dirty.add(memberId);
            if (changed) {
                described.add(memberId);
            }
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

    /** One round: write behind, read back, and (on the leader) sweep; returns how many members the sweep changed. */
    int sync(boolean leader) {
        flush();
        refresh();
        return sweep(leader);
    }

    /** Stamps the members heard from here with the database clock; on failure they stay pending for the next round. */
    void flush() {
        transitions.flush();
        List<MemberRecord> full = take(described);
        List<MemberRecord> live = take(dirty);
        if (full.isEmpty() && live.isEmpty()) {
            return;
        }
        Set<String> missing = new HashSet<>();
        try {
            long stamp = repo.flush(full, live, missing);
            for (MemberRecord r : live) {
                synchronized (r) {
                    if (!dirty.contains(r.id)) {
                        r.lastSeen = stamp; // the stored stamp, until the next heartbeat here
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            full.forEach(r -> described.add(r.id));
            live.forEach(r -> dirty.add(r.id));
            LOG.warn("Could not write {} members' last-seen times and metrics to the store (will retry): {}", live.size(), e.getMessage());
            return;
        }
        for (String id : missing) {
            removedElsewhere(id, clock.millis());
        }
    }

    /** Removes from {@code ids} and returns the members in it. */
    private List<MemberRecord> take(Set<String> ids) {
        List<MemberRecord> batch = new ArrayList<>();
        for (String id : ids) {
            ids.remove(id);
            MemberRecord r = byId.get(id);
            if (r != null) {
                batch.add(r);
            }
        }
        return batch;
    }

    /** Applies the rows changed and the members removed since the last read (by any coordinator). */
    void refresh() {
        MemberRepository.Read read;
        try {
            read = repo.changedSince(++rounds % FULL_READ_ROUNDS == 0 ? Long.MIN_VALUE : cursor, (id, changedAt) -> {
                MemberRecord r = byId.get(id);
                return r != null && changedAt <= r.changedAt; // applied already (the overlap reads rows again): not decoded
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not read members' changes from the store (will retry): {}", e.getMessage());
            return;
        }
        for (MemberRecord row : read.rows()) {
            apply(row);
        }
        for (String id : read.removed()) {
            removedElsewhere(id, read.dbNow());
        }
        cursor = Math.max(cursor, read.dbNow() - OVERLAP_MILLIS);
    }

    /**
     * Applies a stored row to the cache: identity and cordon always; state, stamp and metrics unless a heartbeat
     * received here is not flushed yet (it is newer than anything stored); host and policy unless one received here is
     * not written yet. A change posts its event as observed; a row not newer than the one applied last is skipped (every write moves {@code changed_at} forward).
     */
    private void apply(MemberRecord row) {
        MemberRecord r = byId.get(row.id);
        if (r == null) {
            row.restoreOwnerActivity();
            if (byId.putIfAbsent(row.id, row) == null) {
                byMachine.put(row.machineId, row.id);
                events.joined(row.id, row.name, false, row.changedAt, true);
                if (row.state != MemberState.OFFLINE) {
                    events.stateChanged(row.id, MemberState.OFFLINE, row.state, "joined through another coordinator", row.changedAt, true);
                }
                return;
            }
            r = byId.get(row.id);
            if (r == null) {
                return;
            }
        }
        MemberState from;
        MemberState to;
        boolean cordonChanged;
        boolean runtimesChanged = false;
        Member view;
        synchronized (r) {
            if (row.changedAt <= r.changedAt) {
                return;
            }
            r.changedAt = row.changedAt;
            r.credentialHash = row.credentialHash;
            r.name = row.name;
            cordonChanged = r.cordoned != row.cordoned;
            r.cordoned = row.cordoned;
            if (!described.contains(r.id)) {
                runtimesChanged = r.host != null && !r.host.runtimes().equals(row.host.runtimes());
                r.host = row.host;
                r.policy = row.policy;
            }
            from = r.state;
            if (!dirty.contains(r.id)) {
                if (row.metrics != null && row.lastSeen > r.lastSeen) {
                    r.ownerSample(row.metrics, row.lastSeen); // the owner-load hysteresis hears heartbeats that landed elsewhere too
                }
                r.state = row.state;
                r.lastSeen = row.lastSeen; // the current row's stamp is never older than one this coordinator wrote
                r.metrics = row.metrics;
            }
            to = r.state;
            view = r.view();
        }
        if (from != to) {
            events.stateChanged(r.id, from, to, "changed through another coordinator", row.changedAt, true);
        }
        if (cordonChanged) {
            events.cordoned(r.id, view.cordoned(), row.changedAt, true);
        }
        if (runtimesChanged) {
            events.runtimesChanged(r.id, view.runtimes(), row.changedAt, true);
        }
    }

    /** A member removed through another coordinator (or found gone by a flush): forgotten here, with observed events. */
    private void removedElsewhere(String id, long at) {
        MemberRecord r = byId.get(id);
        if (r == null) {
            return;
        }
        forget(r);
        MemberState was = r.state();
        if (was != MemberState.OFFLINE) {
            events.stateChanged(id, was, MemberState.OFFLINE, "removed by an admin", at, true);
        }
        events.removed(id, at, true);
        LOG.info("Member {} ({}) was removed through another coordinator", id, r.name);
    }

    /**
     * The liveness sweep, on the leader only: members whose stored stamp is older than the SUSPECT (OFFLINE) silence by
     * the database clock, and not heard from here since the last flush, change state in one guarded batched UPDATE (a
     * stamp any coordinator wrote meanwhile wins), and this coordinator records and posts those transitions. Silence
     * counts at the earliest from when this coordinator began to sweep. Returns how many changed.
     */
    int sweep(boolean leader) {
        if (!leader) {
            sweepingSince = -1;
            return 0;
        }
        Map<String, MemberState> changed;
        long now;
        try (Connection c = repo.connection()) {
            c.setAutoCommit(false);
            try {
                now = repo.clock().now(c);
                if (sweepingSince < 0) {
                    sweepingSince = now;
                }
                long suspectCut = now - liveness.suspectAfterMillis();
                long offlineCut = now - liveness.offlineAfterMillis();
                if (sweepingSince >= suspectCut) {
                    c.commit();
                    return 0;
                }
                long offlineAt = sweepingSince < offlineCut ? offlineCut : Long.MIN_VALUE;
                List<String> candidates = new ArrayList<>();
                for (MemberRecord r : byId.values()) {
                    synchronized (r) {
                        boolean active = r.state == MemberState.ONLINE || r.state == MemberState.DRAINING;
                        if (!dirty.contains(r.id) && (active && r.lastSeen < suspectCut || r.state == MemberState.SUSPECT && r.lastSeen < offlineAt)) {
                            candidates.add(r.id);
                        }
                    }
                }
                if (candidates.isEmpty()) {
                    c.commit();
                    return 0;
                }
                changed = repo.sweep(c, candidates, now, offlineAt, suspectCut);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not sweep members' liveness (will retry): {}", e.getMessage());
            return 0;
        }
        int n = 0;
        for (Map.Entry<String, MemberState> e : changed.entrySet()) {
            MemberRecord r = byId.get(e.getKey());
            if (r == null) {
                continue;
            }
            MemberState from;
            MemberState to = e.getValue();
            boolean cordoned;
            long silent;
            synchronized (r) {
                from = r.state;
                r.state = to;
                cordoned = r.cordoned;
                silent = now - Math.max(r.lastSeen, sweepingSince);
            }
            if (from == to) {
                continue;
            }
            n++;
            if (n <= LOGGED_TRANSITIONS) {
                LOG.info("Member {} ({}) is now {} (was {})", r.id, r.name, to, from);
            } else {
                LOG.debug("Member {} ({}) is now {} (was {})", r.id, r.name, to, from);
            }
            transitions.stateChanged(r.id, from, to, cordoned, liveness.silenceReason(to, silent), now);
        }
        if (n > LOGGED_TRANSITIONS) {
            LOG.info("{} more members changed state in this liveness check (each one is an event; per member at DEBUG)", n - LOGGED_TRANSITIONS);
        }
        return n;
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
