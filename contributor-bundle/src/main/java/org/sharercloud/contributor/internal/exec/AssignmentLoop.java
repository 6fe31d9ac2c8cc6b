package org.sharercloud.contributor.internal.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.api.agent.AgentHolding;
import org.sharercloud.api.agent.Assignments;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.api.agent.ResyncResult;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.MemberIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's second loop, on its own thread: once joined and once an offered runtime is there, it runs each
 * one's {@link WorkloadRuntime#cleanup()} (leftovers of an earlier agent) and holds the assignments long-poll, the
 * first one with {@code resync=true}, handing each item to {@link Runs} and {@link Workers}. Errors are
 * retried with the same backoff policy as heartbeats, logged once per outage. A new runtime instance (its
 * bundle restarted, or another one configured) is cleaned up and resynced the same way; one that does not work
 * yet is cleaned up once it does, and at the latest before the first work a poll brings for it.
 */
public final class AssignmentLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentLoop.class);

    private final Supplier<MemberIdentity> identity;
    private final RuntimeRegistry runtimes;
    private final CoordinatorClient client;
    private final Runs runs;
    private final Workers workers;
    private final Backoff backoff;
    private final int waitSeconds;
    private final long idleMillis;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final java.util.Set<WorkloadRuntime> cleaned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** New runtime instances that did not work yet (no Docker engine): cleaned up once they do, without a resync. */
    private final java.util.Set<WorkloadRuntime> deferred = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean resync = true;
    /** Contact was lost (the coordinator may have restarted): tell it what we hold before the next poll. */
    private boolean reconcile;
    private boolean down;
    private boolean waitingLogged;

    /**
     * @param waitSeconds the long-poll's wait (30 in production)
     * @param idleMillis  how often to look again while not joined or without a runtime
     */
    public AssignmentLoop(Supplier<MemberIdentity> identity, RuntimeRegistry runtimes, CoordinatorClient client, Runs runs,
            Workers workers, Backoff backoff, int waitSeconds, long idleMillis) {
        this.identity = identity;
        this.runtimes = runtimes;
        this.client = client;
        this.runs = runs;
        this.workers = workers;
        this.backoff = backoff;
        this.waitSeconds = waitSeconds;
        this.idleMillis = idleMillis;
        this.thread = new Thread(this, "sharer-contributor-assignments");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the loop (interrupting a long-poll in progress) and waits, bounded, for the thread. */
    public void stop() throws InterruptedException {
        stop.countDown();
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Override
    public void run() {
        try {
            long wait = 0;
            while (!stop.await(wait, TimeUnit.MILLISECONDS)) {
                wait = step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The assignments loop stopped: {}. Restart bundle org.sharercloud.contributor.", e.toString(), e);
        }
    }

    /** One long-poll (or a wait for the member identity or the runtime); returns the pause before the next. */
    long step() throws InterruptedException {
        MemberIdentity me = identity.get();
        java.util.List<WorkloadRuntime> active = runtimes.active();
        if (me == null || active.isEmpty()) {
            if (active.isEmpty() && me != null && !waitingLogged) {
                LOG.warn("None of the workload runtimes this agent offers ({}) is active on this machine: not taking work until "
                        + "one is (see the runtime setting in etc/org.sharercloud.contributor.cfg)", String.join(", ", runtimes.offered()));
                waitingLogged = true;
            }
            return idleMillis;
        }
        waitingLogged = false;
        for (WorkloadRuntime rt : active) {
            prepare(rt);
        }
        cleaned.retainAll(active);
        deferred.retainAll(active);
        if (reconcile && !resync) {
            Long wait = reconcile(me);
            if (wait != null) {
                return wait;
            }
        }
        CoordinatorClient.Reply<Assignments> reply;
        try {
            reply = client.assignments(me, waitSeconds, resync);
        } catch (IOException e) {
            return failed(e.toString());
        }
        if (!reply.ok()) {
            // 401: the heartbeat loop is joining again; the next poll uses the new credential
            return failed("HTTP " + reply.status() + ": " + reply.error());
        }
        if (resync) {
            LOG.info("Resynced with the coordinator: taking work with the {} runtime(s)",
                    String.join(", ", active.stream().map(WorkloadRuntime::name).toList()));
        }
        resync = false;
        reconcile = false;
        if (down) {
            LOG.info("Assignments long-poll works again after {} retries", backoff.attempts());
            down = false;
        }
        backoff.reset();
        dispatch(reply.value());
        return 0;
    }

    /**
     * A new runtime instance means a resync (whatever an earlier one ran is gone) and its leftovers removed; where it
     * does not work yet (no Docker engine) there is nothing to remove until it does.
     */
    private void prepare(WorkloadRuntime rt) {
        if (cleaned.contains(rt)) {
            return;
        }
        if (!deferred.contains(rt)) {
            resync = true;
        }
        if (rt.available()) {
            deferred.remove(rt);
            cleanup(rt);
        } else {
            deferred.add(rt);
        }
    }

    /**
     * Before work goes to a runtime: one that began to work during the poll (the coordinator heard it from a
     * heartbeat) is cleaned up now, before the work starts, not at the next step, when the cleanup would remove what
     * was just started. One that still does not work keeps its leftovers: work is going there now.
     */
    private void beforeWork(String runtime) {
        WorkloadRuntime rt = runtimes.get(runtime == null || runtime.isBlank() ? "docker" : runtime);
        if (rt == null) {
            return;
        }
        prepare(rt);
        if (deferred.remove(rt)) {
            cleaned.add(rt);
        }
    }

    private void cleanup(WorkloadRuntime rt) {
        try {
            int removed = rt.cleanup();
            if (removed > 0) {
                LOG.info("Removed {} sandboxes left over by an earlier agent ({} runtime)", removed, rt.name());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up leftovers of the {} runtime failed: {}", rt.name(), e.toString());
        }
        cleaned.add(rt);
    }

    /**
     * Tells the coordinator which attempts this agent holds (running, waiting, or with a RESULT not yet answered): it
     * loses what it had as running here and is not held, hands out again what waits to start, and names what to drop.
     * Returns null when done, else the pause before trying again.
     */
    private Long reconcile(MemberIdentity me) throws InterruptedException {
        java.util.Set<String> held = runs.heldOrReporting();
        CoordinatorClient.Reply<ResyncResult> reply;
        try {
            reply = client.resync(me, new AgentHolding(new java.util.ArrayList<>(held)));
        } catch (IOException e) {
            return failed(e.toString());
        }
        if (reply.status() == 404 || reply.status() == 405) {
            LOG.info("The coordinator does not reconcile attempts (an older version): resuming without it");
        } else if (!reply.ok()) {
            return failed("resync answered HTTP " + reply.status() + ": " + reply.error());
        } else {
            ResyncResult r = reply.value();
            LOG.info("Reconciled with the coordinator after a lost contact: {} attempt(s) held here, {} lost there, {} to start again, {} to drop",
                    held.size(), r.lost(), r.redelivered(), r.drop() == null ? 0 : r.drop().size());
            if (r.drop() != null) {
                runs.drop(r.drop());
            }
        }
        reconcile = false;
        return null;
    }

    private long failed(String why) {
        reconcile = true;
        Duration wait = backoff.next();
        if (!down) {
            down = true;
            LOG.warn("Assignments long-poll failed ({}); retrying with backoff, logging only when it works again", why);
        } else {
            LOG.debug("Assignments long-poll still failing ({}), retry in {} ms", why, wait.toMillis());
        }
        return wait.toMillis();
    }

    private void dispatch(Assignments a) {
        if (a == null) {
            return;
        }
        for (StartAttempt s : each(a.start())) {
            beforeWork(s.runtime());
            runs.start(s);
        }
        each(a.stop()).forEach(runs::stop);
        for (ReserveWorker r : each(a.reserve())) {
            beforeWork("docker"); // reserved workers run in Docker
            workers.reserve(r);
        }
        each(a.release()).forEach(workers::release);
        each(a.exec()).forEach(workers::exec);
    }

    private static <T> java.util.List<T> each(java.util.List<T> items) {
        return items == null ? java.util.List.of() : items;
    }
}
