package org.sharercloud.contributor.internal.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.runtime.WorkerSandbox;
import org.sharercloud.api.runtime.WorkerSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.agent.ReservationEvent;
import org.sharercloud.api.agent.ReserveWorker;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reserved workers this agent holds: reserve (then READY or FAILED), exec (then EXEC_RESULT), release
 * (then RELEASED), each on the small task executor, each reservation's events in order. A reserve for a
 * reservation already held and an exec already run are ignored (the coordinator redelivers what is not yet
 * acknowledged). A READY refused with 409 means nobody wants the worker any more: it is released.
 */
public final class Workers {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final int REMEMBER_EXECS = 1024;

    private final Supplier<WorkloadRuntime> runtime;
    private final Outbox outbox;
    private final CoordinatorClient client;
    private final Executor tasks;
    private final Map<String, CompletableFuture<WorkerSandbox>> held = new ConcurrentHashMap<>();
    private final Set<String> execs = new LinkedHashSet<>();

    public Workers(Supplier<WorkloadRuntime> runtime, Outbox outbox, CoordinatorClient client, Timers tasks) {
        this.runtime = runtime;
        this.outbox = outbox;
        this.client = client;
        this.tasks = task -> tasks.run("worker task", task);
    }

    public void reserve(ReserveWorker r) {
        CompletableFuture<WorkerSandbox> sandbox = new CompletableFuture<>();
        if (held.putIfAbsent(r.reservationId(), sandbox) != null) {
            return; // redelivered
        }
        tasks.execute(() -> {
            WorkloadRuntime rt = runtime.get();
            try {
                if (rt == null) {
                    throw ApiException.conflict("this machine does not offer the docker runtime (reserved workers run in Docker)");
                }
                WorkerSandbox sb = rt.reserve(new WorkerSpec(r.reservationId(), r.image(), r.env(), r.cpuMillis(), r.memoryMb(), Map.of()));
                LOG.info("Reserved worker {} ready (image {})", r.reservationId(), r.image());
                sandbox.complete(sb);
                post(r.reservationId(), ReservationEvent.of(ReservationEvent.READY, null));
            } catch (RuntimeException e) {
                LOG.warn("Could not reserve worker {}: {}", r.reservationId(), e.getMessage());
                held.remove(r.reservationId(), sandbox);
                sandbox.completeExceptionally(e);
                post(r.reservationId(), ReservationEvent.of(ReservationEvent.FAILED, String.valueOf(e.getMessage())));
            }
        });
    }

    public void exec(ExecCommand x) {
        synchronized (execs) {
            if (!execs.add(x.execId())) {
                return; // redelivered while running, or already answered
            }
            if (execs.size() > REMEMBER_EXECS) {
                Iterator<String> oldest = execs.iterator();
                oldest.next();
                oldest.remove();
            }
        }
        CompletableFuture<WorkerSandbox> sandbox = held.get(x.reservationId());
        if (sandbox == null) {
            post(x.reservationId(), ReservationEvent.execResult(x.execId(), -1, "", "this worker is not held on this machine", false));
            return;
        }
        sandbox.whenCompleteAsync((sb, failed) -> {
            ReservationEvent answer;
            if (sb == null) {
                answer = ReservationEvent.execResult(x.execId(), -1, "", "the worker could not be created", false);
            } else {
                try {
                    ExecResult res = sb.exec(x.command(), x.timeoutSeconds(), x.maxOutputBytes());
                    answer = ReservationEvent.execResult(x.execId(), res.exitCode(), res.stdout(), res.stderr(), res.timedOut());
                } catch (RuntimeException e) {
                    answer = ReservationEvent.execResult(x.execId(), -1, "", String.valueOf(e.getMessage()), false);
                }
            }
            post(x.reservationId(), answer);
        }, tasks);
    }

    public void release(ReleaseWorker r) {
        CompletableFuture<WorkerSandbox> sandbox = held.remove(r.reservationId());
        if (sandbox == null) {
            post(r.reservationId(), ReservationEvent.of(ReservationEvent.RELEASED, "not held on this machine"));
            return;
        }
        sandbox.whenCompleteAsync((sb, failed) -> {
            if (sb != null) {
                release(sb);
            }
            LOG.info("Released worker {}", r.reservationId());
            post(r.reservationId(), ReservationEvent.of(ReservationEvent.RELEASED, null));
        }, tasks);
    }

    /** Reservation ids held. */
    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** Releases every sandbox without reporting (the agent is going away; the next start resyncs). */
    public void releaseAll() {
        List<CompletableFuture<WorkerSandbox>> all = new ArrayList<>(held.values());
        held.clear();
        for (CompletableFuture<WorkerSandbox> f : all) {
            WorkerSandbox sb = f.getNow(null);
            if (sb != null) {
                release(sb);
            }
        }
    }

    private static void release(WorkerSandbox sb) {
        try {
            sb.release();
        } catch (RuntimeException e) {
            LOG.warn("Releasing worker {} failed: {}", sb.reservationId(), e.toString());
        }
    }

    private void post(String reservationId, ReservationEvent event) {
        outbox.post("reservation:" + reservationId, me -> client.reservationEvent(me, reservationId, event), (status, error) -> {
            if (status == 409 && ReservationEvent.READY.equals(event.type())) {
                LOG.info("Worker {} is no longer wanted ({}): releasing it", reservationId, error);
                CompletableFuture<WorkerSandbox> sandbox = held.remove(reservationId);
                WorkerSandbox sb = sandbox == null ? null : sandbox.getNow(null);
                if (sb != null) {
                    release(sb);
                }
            } else if (status >= 400) {
                LOG.info("The coordinator answered {} to {} for worker {}: {}", status, event.type(), reservationId, error);
            }
        });
    }
}
