package org.sharercloud.contributor.internal.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.sharercloud.contributor.internal.link.CoordinatorClient.Reply;
import org.sharercloud.contributor.internal.link.MemberIdentity;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the agent's reports in order, one lane per attempt or reservation, on a small shared executor.
 * A network error, a 5xx, a 429 or a 401 (the heartbeat loop is renewing the credential) is retried with a
 * doubling delay up to a cap; any other answer ends that report and is handed to its {@link Answer}.
 */
public final class Outbox {
    /** One HTTP call, made with the agent's current identity. */
    @FunctionalInterface
    public interface Call {
        Reply<?> send(MemberIdentity me) throws IOException, InterruptedException;
    }

    /** What to do with the final answer of a call (2xx or a refusal). */
    @FunctionalInterface
    public interface Answer {
        void accept(int status, String error);
    }

    static final long FIRST_RETRY_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Supplier<MemberIdentity> identity;
    private final Timers io;
    private final Timers timer;
    private final long maxRetryMillis;
    private final Map<String, Lane> lanes = new HashMap<>();
    private volatile boolean closed;

    public Outbox(Supplier<MemberIdentity> identity, Timers io, Timers timer, Duration maxRetry) {
        this.identity = identity;
        this.io = io;
        this.timer = timer;
        this.maxRetryMillis = Math.max(FIRST_RETRY_MILLIS, maxRetry.toMillis());
    }

    private record Item(Call call, Answer answer) {
    }

    private static final class Lane {
        final String key;
        final ArrayDeque<Item> items = new ArrayDeque<>();
        boolean busy;
        long delay;

        Lane(String key) {
            this.key = key;
        }
    }

    /** Queues a call behind the earlier ones of the same lane. */
    public void post(String lane, Call call, Answer answer) {
        synchronized (lanes) {
            if (closed) {
                return;
            }
            Lane l = lanes.computeIfAbsent(lane, Lane::new);
            l.items.add(new Item(call, answer));
            if (!l.busy) {
                l.busy = true;
                run(l);
            }
        }
    }

    /** Forgets the calls still queued in a lane (the one being sent, if any, completes). */
    public void drop(String lane) {
        synchronized (lanes) {
            Lane l = lanes.get(lane);
            if (l != null) {
                l.items.clear();
            }
        }
    }

    /** Whether nothing is queued or being sent. */
    public boolean idle() {
        synchronized (lanes) {
            return lanes.isEmpty();
        }
    }

    /** Sends nothing more. */
    public void close() {
        synchronized (lanes) {
            closed = true;
            lanes.values().forEach(l -> l.items.clear());
        }
    }

    private void run(Lane l) {
        if (!io.run("report", () -> drain(l))) { // stopped
            synchronized (lanes) {
                lanes.remove(l.key);
            }
        }
    }

    private void drain(Lane l) {
        while (true) {
            Item item;
            synchronized (lanes) {
                item = l.items.peek();
                if (item == null || closed) {
                    lanes.remove(l.key);
                    return;
                }
            }
            int status;
            String error = null;
            MemberIdentity me = identity.get();
            try {
                if (me == null) {
                    status = 401;
                } else {
                    Reply<?> reply = item.call().send(me);
                    status = reply.status();
                    error = reply.error();
                }
            } catch (IOException e) {
                status = -1;
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (status < 0 || status >= 500 || status == 429 || status == 401) {
                l.delay = l.delay == 0 ? FIRST_RETRY_MILLIS : Math.min(maxRetryMillis, l.delay * 2);
                LOG.debug("Report for {} not delivered ({} {}); retrying in {} ms", l.key, status, error, l.delay);
                retryLater(l);
                return;
            }
            l.delay = 0;
            synchronized (lanes) {
                l.items.poll();
            }
            try {
                item.answer().accept(status, error);
            } catch (RuntimeException e) {
                LOG.warn("Handling the coordinator's answer {} for {} failed", status, l.key, e);
            }
        }
    }

    private void retryLater(Lane l) {
        if (timer.after("report retry", Duration.ofMillis(l.delay), () -> run(l)) == null) { // stopped
            synchronized (lanes) {
                lanes.remove(l.key);
            }
        }
    }
}
