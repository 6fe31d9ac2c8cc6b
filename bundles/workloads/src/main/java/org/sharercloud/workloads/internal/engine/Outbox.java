package org.sharercloud.workloads.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.timers.Timers;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.agent.StopAttempt;

/**
 * What each member's agent still has to be told, and the long-polls waiting for it. An item stays
 * until it is acknowledged ({@link #remove}); it is handed out once, then again only after the
 * redelivery interval or on a resync. A waiting poll completes the moment an item is put.
 * A cache: rebuilt from the store at start (the store holds the truth; this is only the delivery state),
 * except for commands to reserved workers, which live only as long as their caller waits.
 */
public final class Outbox implements AutoCloseable {
    private final Map<String, Box> boxes = new ConcurrentHashMap<>();
    private final Timers timers;
    private final Clock clock;
    private final long redeliverMillis;

    public Outbox(Clock clock, long redeliverMillis) {
        this.clock = clock;
        this.redeliverMillis = redeliverMillis;
        this.timers = Timers.create("workloads-longpoll", 1);
    }

    private static final class Entry {
        final Object item;
        long deliveredAt;

        Entry(Object item) {
            this.item = item;
        }
    }

    private static final class Box {
        final Map<ItemKey, Entry> entries = new LinkedHashMap<>();
        final List<CompletableFuture<Assignments>> waiters = new ArrayList<>();
    }

    /** Queues an item (replacing one with the same key) and wakes a waiting poll. */
    public void put(String memberId, Object item) {
        Box box = boxes.computeIfAbsent(memberId, k -> new Box());
        CompletableFuture<Assignments> waiter = null;
        Assignments due = null;
        synchronized (box) {
            box.entries.put(ItemKey.of(item), new Entry(item));
            if (!box.waiters.isEmpty()) {
                waiter = box.waiters.remove(0);
                due = collectDue(box, false);
            }
        }
        if (waiter != null) {
            waiter.complete(due);
        }
    }

    /**
     * Makes a member's items exactly {@code stored} (what the store says it must still be told, read after another
     * coordinator changed it), keeping when each surviving item was handed out and the commands to reserved workers
     * (memory only); wakes a waiting poll when something is due.
     */
    public void replace(String memberId, List<Object> stored) {
        Box box = boxes.computeIfAbsent(memberId, k -> new Box());
        CompletableFuture<Assignments> waiter = null;
        Assignments due = null;
        synchronized (box) {
            Map<ItemKey, Entry> next = new LinkedHashMap<>();
            for (Object item : stored) {
                ItemKey key = ItemKey.of(item);
                Entry old = box.entries.get(key);
                Entry e = new Entry(item);
                e.deliveredAt = old == null ? 0 : old.deliveredAt;
                next.put(key, e);
            }
            box.entries.forEach((k, e) -> {
                if (k.kind() == ItemKey.Kind.EXEC) {
                    next.put(k, e);
                }
            });
            box.entries.clear();
            box.entries.putAll(next);
            if (!box.waiters.isEmpty()) {
                Assignments a = collectDue(box, false);
                if (!a.isEmpty()) {
                    waiter = box.waiters.remove(0);
                    due = a;
                }
            }
        }
        if (waiter != null) {
            waiter.complete(due);
        }
    }

    /** The members this coordinator keeps an outbox for (it rebuilt them, or their agents polled here). */
    public java.util.Set<String> members() {
        return java.util.Set.copyOf(boxes.keySet());
    }

    /** Acknowledges an item; returns whether it was there. */
    public boolean remove(String memberId, ItemKey key) {
        Box box = boxes.get(memberId);
        if (box == null) {
            return false;
        }
        synchronized (box) {
            return box.entries.remove(key) != null;
        }
    }

    public boolean contains(String memberId, ItemKey key) {
        Box box = boxes.get(memberId);
        if (box == null) {
            return false;
        }
        synchronized (box) {
            return box.entries.containsKey(key);
        }
    }

    /** Makes every item of the member due again (a resync): the next poll hands them all out. */
    public void redeliverAll(String memberId) {
        Box box = boxes.get(memberId);
        if (box == null) {
            return;
        }
        synchronized (box) {
            box.entries.values().forEach(e -> e.deliveredAt = 0);
        }
    }

    /** The long-poll. {@code waitSeconds <= 0} answers at once. */
    public CompletionStage<Assignments> await(String memberId, int waitSeconds, boolean resync) {
        Box box = boxes.computeIfAbsent(memberId, k -> new Box());
        CompletableFuture<Assignments> f = new CompletableFuture<>();
        synchronized (box) {
            Assignments due = collectDue(box, resync);
            if (!due.isEmpty() || waitSeconds <= 0) {
                f.complete(due);
                return f;
            }
            box.waiters.add(f);
        }
        if (timers.after("long-poll expiry", Duration.ofSeconds(waitSeconds), () -> expire(box, f)) == null) {
            f.complete(Assignments.NONE); // closed
        }
        return f;
    }

    private void expire(Box box, CompletableFuture<Assignments> f) {
        Assignments due;
        synchronized (box) {
            if (!box.waiters.remove(f)) {
                return; // already answered
            }
            due = collectDue(box, false);
        }
        f.complete(due);
    }

    private Assignments collectDue(Box box, boolean all) {
        long now = clock.millis();
        List<StartAttempt> start = new ArrayList<>();
        List<StopAttempt> stop = new ArrayList<>();
        List<ReserveWorker> reserve = new ArrayList<>();
        List<ReleaseWorker> release = new ArrayList<>();
        List<ExecCommand> exec = new ArrayList<>();
        for (Entry e : box.entries.values()) {
            if (!all && e.deliveredAt != 0 && now - e.deliveredAt < redeliverMillis) {
                continue;
            }
            e.deliveredAt = now;
            if (e.item instanceof StartAttempt s) {
                start.add(s);
            } else if (e.item instanceof StopAttempt s) {
                stop.add(s);
            } else if (e.item instanceof ReserveWorker r) {
                reserve.add(r);
            } else if (e.item instanceof ReleaseWorker r) {
                release.add(r);
            } else if (e.item instanceof ExecCommand x) {
                exec.add(x);
            }
        }
        if (start.isEmpty() && stop.isEmpty() && reserve.isEmpty() && release.isEmpty() && exec.isEmpty()) {
            return Assignments.NONE;
        }
        return new Assignments(start, stop, reserve, release, exec);
    }

    /** Answers every waiting poll with nothing and stops the timer. */
    @Override
    public void close() {
        timers.close();
        for (Box box : boxes.values()) {
            List<CompletableFuture<Assignments>> waiting;
            synchronized (box) {
                waiting = new ArrayList<>(box.waiters);
                box.waiters.clear();
            }
            waiting.forEach(f -> f.complete(Assignments.NONE));
        }
    }
}
