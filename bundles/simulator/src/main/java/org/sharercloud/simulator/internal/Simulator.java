package org.sharercloud.simulator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.sharercloud.api.forecast.Forecaster;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.SchedulingPass;
import org.sharercloud.scheduler.internal.strategy.ForecastStrategy;

/**
 * Replays traces against one strategy with the real scheduling pass: a time-stepped cluster of
 * members (up/down from host timelines, owner load from VM traces) receives the task arrivals; a pass
 * runs whenever something happened (arrival, completion, member change), as the event-driven loop does.
 * A member going down interrupts its attempts, which are requeued and start over. Work on a member
 * whose owner load grew after placement runs slower. Forecasts (for {@link ForecastStrategy}) are
 * refreshed every {@code refreshSeconds} from the history up to now only.
 */
public final class Simulator {
    private final SimConfig cfg;
    private final List<HostTimeline> hosts;
    private final List<LoadTrace> loads;
    private final List<TaskArrival> tasks;
    private final int hostsRead;

    public Simulator(SimConfig cfg, List<HostTimeline> hosts, List<LoadTrace> loads, List<TaskArrival> allTasks) {
        this.cfg = cfg;
        this.tasks = select(allTasks, cfg);
        this.hostsRead = hosts.size();
        long span = tasks.isEmpty() ? cfg.warmupSeconds() : tasks.get(tasks.size() - 1).arrival();
        List<HostTimeline> longEnough = new ArrayList<>(hosts.stream().filter(h -> h.length() >= span).toList());
        if (longEnough.size() < cfg.members()) {
            throw new IllegalArgumentException("only " + longEnough.size() + " of " + hosts.size()
                    + " hosts cover the " + span + " s needed; ask for fewer members or a shorter warm-up");
        }
        Random rnd = new Random(cfg.seed());
        Collections.shuffle(longEnough, rnd);
        this.hosts = longEnough.subList(0, cfg.members());
        List<LoadTrace> shuffled = new ArrayList<>(loads);
        Collections.shuffle(shuffled, rnd);
        this.loads = shuffled;
        if (loads.isEmpty()) {
            throw new IllegalArgumentException("no load traces");
        }
    }

    private static List<TaskArrival> select(List<TaskArrival> all, SimConfig cfg) {
        List<TaskArrival> out = new ArrayList<>();
        for (int i = 0; i < all.size() && (cfg.maxTasks() <= 0 || out.size() < cfg.maxTasks()); i++) {
            if (i % Math.max(1, cfg.sampleEvery()) == 0) {
                TaskArrival t = all.get(i);
                out.add(new TaskArrival(t.id(), cfg.warmupSeconds() + Math.round(t.arrival() * cfg.arrivalStretch()),
                        t.cpuMillis(), t.memoryMb(), t.durationSeconds(), t.priority()));
            }
        }
        return out;
    }

    public int taskCount() {
        return tasks.size();
    }

    /**
     * Replays the traces against each strategy in turn (all with this simulator's seed), telling
     * {@code progress} what was read and when each strategy finishes.
     */
    public List<SimResult> runAll(List<PlacementStrategy> strategies, Forecaster forecaster, Consumer<String> progress) {
        progress.accept(String.format(java.util.Locale.ROOT,
                "%d hosts, %d load traces, %d arrivals replayed; %d members, seed %d, forecaster %s",
                hostsRead, loads.size(), tasks.size(), cfg.members(), cfg.seed(), forecaster.name()));
        List<SimResult> out = new ArrayList<>();
        for (PlacementStrategy s : strategies) {
            long start = System.nanoTime();
            SimResult r = run(s, forecaster);
            out.add(r);
            progress.accept(String.format(java.util.Locale.ROOT, "%s done in %.1f s (%d/%d)", s.name(),
                    (System.nanoTime() - start) / 1e9, out.size(), strategies.size()));
        }
        return out;
    }

    /** Replays the traces against a fresh strategy instance; stops when the thread is interrupted. */
    public SimResult run(PlacementStrategy strategy, Forecaster forecaster) {
        List<SimMember> members = new ArrayList<>();
        Map<String, SimMember> byId = new LinkedHashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            LoadTrace l = loads.get(i % loads.size());
            SimMember m = new SimMember("m" + i, hosts.get(i), l,
                    1000L * Math.max(1, Math.min(cfg.maxCores(), l.cores())), Math.max(512, l.memoryMb()));
            members.add(m);
            byId.put(m.id, m);
        }
        SimQueue queue = new SimQueue(byId);
        SimHistory history = new SimHistory(members);
        SchedulingPass pass = new SchedulingPass(true);
        ForecastStrategy fs = strategy instanceof ForecastStrategy f ? f : null;
        int step = cfg.stepSeconds();
        long t = cfg.warmupSeconds();
        long end = tasks.isEmpty() ? t : tasks.get(tasks.size() - 1).arrival() + cfg.drainSeconds();
        long nextRefresh = t;
        int next = 0;
        int completed = 0;
        int interrupted = 0;
        double[] waits = new double[tasks.size()];
        long lastCompletion = t;
        double placedCpu = 0;
        double offeredCpu = 0;
        boolean[] wasUp = new boolean[members.size()];
        while (t < end && completed < tasks.size()) {
            if (((t / step) & 1023) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("simulation of " + strategy.name() + " interrupted");
            }
            long prev = t;
            t += step;
            queue.setNow(t);
            boolean changed = false;
            for (int i = 0; i < members.size(); i++) {
                SimMember m = members.get(i);
                boolean up = m.timeline.up(t);
                changed |= up != wasUp[i];
                wasUp[i] = up;
                if (!m.running.isEmpty() && !m.timeline.upThroughout(prev, t)) {
                    for (SimQueue.Attempt a : new ArrayList<>(m.running)) {
                        queue.requeue(a);
                        interrupted++;
                    }
                    changed = true;
                    continue;
                }
                double speed = m.speed(t);
                for (SimQueue.Attempt a : new ArrayList<>(m.running)) {
                    a.task.remaining -= step * speed;
                    if (a.task.remaining <= 0) {
                        queue.release(a);
                        waits[completed++] = a.startedAt - a.task.arrival.arrival();
                        lastCompletion = t;
                        changed = true;
                    }
                }
                if (up) {
                    offeredCpu += (double) m.cpuOffered(t) * step;
                    placedCpu += (double) Math.min(m.cpuAllocated, m.cpuOffered(t)) * step;
                }
            }
            while (next < tasks.size() && tasks.get(next).arrival() <= t) {
                queue.add(new SimQueue.Task(tasks.get(next), tasks.get(next).arrival()));
                next++;
                changed = true;
            }
            if (fs != null && t >= nextRefresh) {
                history.setNow(t);
                fs.cache().refresh(history, forecaster, cfg.historyHours(), 24);
                nextRefresh = t + cfg.refreshSeconds();
            }
            if (changed && queue.pendingCount() > 0) {
                List<Member> snapshot = new ArrayList<>(members.size());
                for (SimMember m : members) {
                    snapshot.add(m.toMember(t));
                }
                pass.run(snapshot, queue, strategy, (int) ((t / 3600) % 24));
            }
        }
        double[] w = Arrays.copyOf(waits, completed);
        Arrays.sort(w);
        double mean = Arrays.stream(w).average().orElse(0);
        double p95 = w.length == 0 ? 0 : w[(int) Math.min(w.length - 1, Math.ceil(0.95 * w.length) - 1)];
        long first = tasks.isEmpty() ? 0 : tasks.get(0).arrival();
        return new SimResult(strategy.name(), tasks.size(), completed, mean, p95, interrupted, queue.preempted,
                offeredCpu == 0 ? 0 : placedCpu / offeredCpu, lastCompletion - first);
    }
}
