package org.sharercloud.members.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.MemberTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every member's state and cordon changes with their reasons: recorded in memory by the callers that make
 * them (and posted as events), written to the store in batches by {@link #flush()} (with the members' own
 * flush), pruned by age and by count per member. The history read flushes first, so it sees every
 * change made before it.
 */
final class TransitionLog {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);
    /** Changes kept in memory while the store cannot take them; beyond this the oldest are dropped. */
    static final int MAX_PENDING = 100_000;
    private static final int ID_RANDOM_BITS = 20;

    private final TransitionRepository repo;
    private final EventPoster events;
    private final AtomicLong ids;
    private final Queue<TransitionRepository.Row> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Object writing = new Object();
    private volatile boolean dropWarned;

    TransitionLog(TransitionRepository repo, EventPoster events) throws SQLException {
        this.repo = repo;
        this.events = events;
        this.ids = new AtomicLong(repo.maxId());
    }

    /** A state change (posted as a STATE_CHANGED event too). */
    void stateChanged(String memberId, MemberState from, MemberState to, boolean cordoned, String reason, long at) {
        add(memberId, from, to, cordoned, reason, at);
        events.stateChanged(memberId, from, to, reason, at);
    }

    /** A cordon or uncordon (its own CORDONED event is the caller's). */
    void cordonChanged(String memberId, MemberState state, boolean cordoned, long at) {
        add(memberId, state, state, cordoned, cordoned ? "cordoned by an admin" : "uncordoned by an admin", at);
    }

    /**
     * A new id: the time in the high bits and 20 random low bits, never below the last one given here. Ids grow with
     * time, so they still order and page the history, and coordinators sharing the table do not collide (the odds are one
     * in a million for two changes stamped in the same millisecond on two coordinators).
     */
    private long nextId(long at) {
        long candidate = (Math.max(0, at) << ID_RANDOM_BITS) | java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << ID_RANDOM_BITS);
        return ids.accumulateAndGet(candidate, (last, c) -> c > last ? c : last + 1);
    }

    private void add(String memberId, MemberState from, MemberState to, boolean cordoned, String reason, long at) {
        pending.add(new TransitionRepository.Row(nextId(at), memberId, at, from, to, cordoned, reason == null ? "" : reason));
        if (size.incrementAndGet() > MAX_PENDING && pending.poll() != null) {
            size.decrementAndGet();
            if (!dropWarned) {
                dropWarned = true;
                LOG.warn("The store has not taken member state changes for a while; dropping the oldest beyond {}", MAX_PENDING);
            }
        }
    }

    /** Writes what is pending; on failure it stays pending for the next try. */
    void flush() {
        synchronized (writing) {
            List<TransitionRepository.Row> batch = new ArrayList<>();
            for (TransitionRepository.Row r; (r = pending.poll()) != null;) {
                size.decrementAndGet();
                batch.add(r);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                repo.insert(batch);
                dropWarned = false;
            } catch (SQLException | RuntimeException e) {
                pending.addAll(batch);
                size.addAndGet(batch.size());
                LOG.warn("Could not write {} member state changes to the store (will retry): {}", batch.size(), e.getMessage());
            }
        }
    }

    /** One page of a member's history, newest first; 400 for a bad limit or cursor. */
    MemberHistoryPage page(String memberId, int limit, String cursor) {
        if (limit < 1 || limit > MemberService.MAX_HISTORY_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and "
                    + MemberService.MAX_HISTORY_LIMIT + ", got " + limit);
        }
        long before = cursor(cursor);
        flush();
        try {
            List<TransitionRepository.Row> rows = repo.page(memberId, before, limit + 1);
            boolean more = rows.size() > limit;
            List<MemberTransition> items = new ArrayList<>(Math.min(rows.size(), limit));
            for (int i = 0; i < rows.size() && i < limit; i++) {
                items.add(rows.get(i).view());
            }
            return new MemberHistoryPage(items, more ? Long.toString(rows.get(limit - 1).id()) : null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the member history: " + e.getMessage(), e);
        }
    }

    private static long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long id = Long.parseLong(cursor.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("cursor", "cursor must be the nextCursor of an earlier page, got '"
                + (cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor) + "'");
    }

    /** Drops transitions older than {@code cutoff} and each member's beyond the newest {@code keep}. */
    void prune(long cutoff, int keep) {
        flush();
        try {
            int n = repo.prune(cutoff, keep);
            if (n > 0) {
                LOG.debug("Pruned {} member state changes", n);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not prune member state changes (will retry): {}", e.getMessage());
        }
    }

    /** Forgets a removed member's history. */
    void forget(String memberId) {
        flush();
        try {
            repo.deleteMember(memberId);
        } catch (SQLException e) {
            LOG.warn("Could not delete the history of removed member {}: {}", memberId, e.getMessage());
        }
    }
}
