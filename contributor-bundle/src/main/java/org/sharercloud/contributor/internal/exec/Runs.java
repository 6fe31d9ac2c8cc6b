package org.sharercloud.contributor.internal.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.agent.StartAttempt;
import org.sharercloud.api.agent.StopAttempt;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts this agent runs: starts them through the runtime (idempotently: a start for an attempt it
 * already holds is ignored), stops them, reports their events through the {@link Outbox}, and kills and forgets
 * any attempt the coordinator refuses (409, or 404: not this member's). Runs share the CPU and memory the owner's
 * policy allows ({@link Budget}); a start that does not fit waits here, in order, until earlier runs end.
 */
public final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    private static final int REMEMBER_FINISHED = 1024;

    private final Function<String, WorkloadRuntime> runtimes;
    private final Budget budget;
    private final Outbox outbox;
    private final CoordinatorClient client;
    private final Timers timer;
    private final Map<String, AttemptRun> running = new LinkedHashMap<>();
    private final ArrayDeque<StartAttempt> waiting = new ArrayDeque<>();
    private final Set<String> finished = new LinkedHashSet<>();
    /** Attempts whose RESULT is sent or queued but not yet answered: still held, as far as the coordinator knows. */
    private final Set<String> unanswered = new LinkedHashSet<>();
    private volatile long usageEveryMillis = AttemptRun.USAGE_EVERY_MILLIS;

    /**
     * @param runtimes the runtime of a given name, or null when this agent does not offer it now
     */
    public Runs(Function<String, WorkloadRuntime> runtimes, Budget budget, Outbox outbox, CoordinatorClient client,
            Timers timer) {
        this.runtimes = runtimes;
        this.budget = budget;
        this.outbox = outbox;
        this.client = client;
        this.timer = timer;
    }

    /** Least gap between two USAGE reports of one run (default 10 s); applies to runs started from now on. */
    public void usageInterval(java.time.Duration every) {
        usageEveryMillis = Math.max(0, every.toMillis());
    }

    /** Starts the attempt now if the policy leaves room, else when it does. */
    public void start(StartAttempt s) {
        synchronized (this) {
            if (running.containsKey(s.attemptId()) || finished.contains(s.attemptId())
                    || waiting.stream().anyMatch(w -> w.attemptId().equals(s.attemptId()))) {
                return; // redelivered
            }
            waiting.add(s);
        }
        admit();
    }

    /** Cancels the attempt; its RESULT (CANCELLED) is what acknowledges the stop. */
    public void stop(StopAttempt s) {
        AttemptRun run;
        boolean wasWaiting;
        synchronized (this) {
            run = running.get(s.attemptId());
            wasWaiting = waiting.removeIf(w -> w.attemptId().equals(s.attemptId()));
        }
        if (run != null) {
            LOG.info("Stopping attempt {}: {}", s.attemptId(), s.reason());
            run.cancel();
        } else {
            String why = wasWaiting ? "stopped before it started" : "not running on this machine";
            post(s.attemptId(), AttemptEvent.result(s.fencingToken(), -1, RunResult.CANCELLED, why, 0, 0, null, null), null);
        }
    }

    /** Attempt ids held (running or waiting for room). */
    public synchronized Set<String> held() {
        Set<String> ids = new LinkedHashSet<>(running.keySet());
        waiting.forEach(w -> ids.add(w.attemptId()));
        return ids;
    }

    /** What a resync reports as held: {@link #held()} and the attempts whose RESULT the coordinator has not answered yet. */
    public synchronized Set<String> heldOrReporting() {
        Set<String> ids = held();
        ids.addAll(unanswered);
        return ids;
    }

    /** The coordinator says these attempts are not live here (a resync): kill them and drop their reports, as after a 409. */
    public void drop(java.util.Collection<String> attemptIds) {
        List<AttemptRun> runs = new ArrayList<>();
        synchronized (this) {
            for (String id : attemptIds) {
                AttemptRun run = running.get(id);
                if (run != null) {
                    runs.add(run);
                }
                waiting.removeIf(w -> w.attemptId().equals(id));
                unanswered.remove(id);
            }
        }
        for (String id : attemptIds) {
            outbox.drop("attempt:" + id);
        }
        runs.forEach(AttemptRun::drop);
        if (!attemptIds.isEmpty()) {
            LOG.info("Dropped {} attempt(s) the coordinator no longer has live on this machine", attemptIds.size());
        }
    }

    /** Kills every run without reporting (the agent is going away; the next start resyncs). */
    public void dropAll() {
        List<AttemptRun> runs;
        synchronized (this) {
            waiting.clear();
            runs = new ArrayList<>(running.values());
        }
        runs.forEach(AttemptRun::drop);
    }

    private void admit() {
        while (true) {
            AttemptRun run;
            synchronized (this) {
                StartAttempt next = waiting.peek();
                if (next == null || !budget.tryTake(next.cpuMillis(), next.memoryMb(), running.isEmpty())) {
                    return;
                }
                waiting.poll();
                AttemptRun[] self = new AttemptRun[1];
                run = new AttemptRun(next, this::report, timer, () -> ended(self[0]), System::currentTimeMillis, usageEveryMillis);
                self[0] = run;
                running.put(next.attemptId(), run);
            }
            launch(run);
        }
    }

    private void launch(AttemptRun run) {
        StartAttempt s = run.start();
        String name = s.runtime() == null || s.runtime().isBlank() ? "docker" : s.runtime();
        WorkloadRuntime rt = runtimes.apply(name);
        if (rt == null) {
            run.finished(new RunResult(-1, RunResult.FAILED, "this machine does not offer the " + name + " runtime now", 0, 0, null));
            return;
        }
        LOG.info("Starting attempt {} of workload {} (replica {}, token {}) with the {} runtime", s.attemptId(), s.workloadId(),
                s.replica(), s.fencingToken(), rt.name());
        try {
            // never more than the owner's budget, even for a run larger than it (it then runs alone, cut to the budget)
            RunHandle h = rt.start(new RunSpec(s.attemptId(), s.image(), s.command(), s.env(), budget.clampCpu(s.cpuMillis()),
                    budget.clampMemory(s.memoryMb()),
                    s.timeoutSeconds(), s.inputs(), s.maxOutputBytes()), run);
            run.handle(h);
        } catch (ApiException e) {
            run.finished(new RunResult(-1, RunResult.FAILED, e.getMessage(), 0, 0, null));
        } catch (RuntimeException e) {
            LOG.warn("The {} runtime could not start attempt {}", rt.name(), s.attemptId(), e);
            run.finished(new RunResult(-1, RunResult.FAILED, "the runtime could not start it: " + e, 0, 0, null));
        }
    }

    private void ended(AttemptRun run) {
        synchronized (this) {
            if (running.remove(run.id()) == run) {
                budget.give(run.start().cpuMillis(), run.start().memoryMb());
            }
            finished.add(run.id());
            if (finished.size() > REMEMBER_FINISHED) {
                Iterator<String> oldest = finished.iterator();
                oldest.next();
                oldest.remove();
            }
        }
        admit();
    }

    private void report(AttemptRun run, AttemptEvent event) {
        if (!run.dropped()) {
            post(run.id(), event, run);
        }
    }

    private void post(String attemptId, AttemptEvent event, AttemptRun run) {
        boolean result = AttemptEvent.RESULT.equals(event.type());
        if (result) {
            synchronized (this) {
                unanswered.add(attemptId);
            }
        }
        outbox.post("attempt:" + attemptId, me -> client.attemptEvent(me, attemptId, event), (status, error) -> {
            if (result || status == 409 || status == 404) {
                synchronized (this) {
                    unanswered.remove(attemptId);
                }
            }
            if ((status == 409 || status == 404) && AttemptEvent.RESULT.equals(event.type())) {
                LOG.debug("Result of attempt {} answered {}: it is final at the coordinator ({})", attemptId, status, error);
                outbox.drop("attempt:" + attemptId);
            } else if (status == 409 || status == 404) {
                if (run != null && !run.dropped()) {
                    LOG.info("The coordinator refused {} for attempt {} ({}: {}): killing it and dropping its reports", event.type(),
                            attemptId, status, error);
                    run.drop();
                }
                outbox.drop("attempt:" + attemptId);
            } else if (status == 413 && event.outputs() != null) {
                LOG.warn("Outputs of attempt {} refused as too large ({}); sending the result without them", attemptId, error);
                post(attemptId, AttemptEvent.result(event.fencingToken(), event.exitCode(), event.outcome(),
                        (event.reason() == null ? "" : event.reason() + "; ") + "outputs dropped: " + error,
                        event.cpuSeconds(), event.peakMemoryMb(), null, null), run);
            } else if (status >= 400) {
                LOG.warn("The coordinator rejected {} for attempt {}: {} {}", event.type(), attemptId, status, error);
            }
        });
    }
}
