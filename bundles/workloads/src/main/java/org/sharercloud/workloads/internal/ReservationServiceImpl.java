package org.sharercloud.workloads.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.agent.ExecCommand;
import org.sharercloud.api.workloads.ExecRequest;
import org.sharercloud.api.agent.ReleaseWorker;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationRequest;
import org.sharercloud.api.workloads.ReservationService;
import org.sharercloud.api.workloads.ReservationState;
import org.sharercloud.workloads.internal.engine.OutboxItems;
import org.sharercloud.workloads.internal.engine.PendingExec;
import org.sharercloud.workloads.internal.engine.ImagePolicy;
import org.sharercloud.workloads.internal.engine.SpecValidator;
import org.sharercloud.workloads.internal.store.ReservationRepo;

/** Reserved workers: reserve on a chosen member, list mine, exec through the agent's long-poll, release. */
@Component(service = ReservationService.class)
public class ReservationServiceImpl implements ReservationService {
    /** Extra time an exec waits beyond the command's own limit (delivery and reporting). */
    static final int EXEC_GRACE_SECONDS = 15;
    private final WorkloadsCore core;
    private volatile MemberService members;

    @Activate
    public ReservationServiceImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setMembers(MemberService m) {
        this.members = m;
    }

    void unsetMembers(MemberService m) {
        if (members == m) {
            members = null;
        }
    }

    /** The members module, or 503. */
    private MemberService members() {
        MemberService m = members;
        if (m == null) {
            throw ApiException.unavailable("members");
        }
        return m;
    }

    @Override
    public Reservation reserve(Principal owner, ReservationRequest req) {
        WorkloadServiceImpl.person(owner);
        if (req == null || req.memberId() == null || req.memberId().isBlank()) {
            throw ApiException.badRequest("memberId", "memberId is required: pick one of the available workers");
        }
        String image = ImagePolicy.check(SpecValidator.image(req.image(), "image"), core.config().images_allowed(), "image");
        Map<String, String> env = SpecValidator.env(req.env(), "env");
        int cpu = SpecValidator.cpu(req.cpuMillis(), "cpuMillis");
        int mem = SpecValidator.memory(req.memoryMb(), "memoryMb");
        Member m = members().get(req.memberId());
        if (m.state() != MemberState.ONLINE || m.cordoned()) {
            throw ApiException.conflict("member " + m.id() + " is " + (m.cordoned() ? "cordoned" : m.state()) + " and takes no reservation");
        }
        org.sharercloud.api.members.RuntimeStatus docker = m.runtimes().get(org.sharercloud.api.members.RuntimeStatus.DOCKER);
        if (docker == null || !docker.available()) {
            throw ApiException.conflict("member " + m.id() + " cannot host a reserved worker (workers run in Docker): "
                    + (docker == null || docker.detail() == null ? "it does not offer the docker runtime" : docker.detail()));
        }
        if (m.capacity() != null && (m.capacity().cpuMillisFree() < cpu || m.capacity().memoryMbFree() < mem)) {
            throw ApiException.conflict("member " + m.id() + " has " + m.capacity().cpuMillisFree() + "m cpu and "
                    + m.capacity().memoryMbFree() + " MB free; the reservation needs " + cpu + "m and " + mem + " MB");
        }
        Instant now = core.clock().instant();
        Reservation r = new Reservation(UUID.randomUUID().toString(), owner.subject(), m.id(), image, cpu, mem,
                ReservationState.REQUESTED, null, now, now);
        return core.mutate((c, ch) -> {
            int quota = core.config().max_reservations_per_owner();
            if (!owner.isAdmin() && core.repos().reservations().active(c, owner.subject()).size() >= quota) {
                throw new ApiException(429, null, owner.subject() + " holds " + quota + " reserved workers, the most a requestor may; "
                        + "release one (worker-release) first");
            }
            core.repos().reservations().insert(c, r, env);
            ch.put(m.id(), OutboxItems.reserve(new ReservationRepo.Row(r, env)));
            ch.member(m.id());
            return r;
        });
    }

    @Override
    public List<Reservation> list(Principal caller) {
        WorkloadServiceImpl.person(caller);
        return core.read(c -> core.repos().reservations().active(c, caller.isAdmin() ? null : caller.subject()).stream()
                .map(ReservationRepo.Row::reservation).toList());
    }

    @Override
    public Reservation get(Principal caller, String id) {
        WorkloadServiceImpl.person(caller);
        return core.read(c -> visible(c, caller, id));
    }

    private Reservation visible(java.sql.Connection c, Principal caller, String id) throws java.sql.SQLException {
        ReservationRepo.Row row = id == null ? null : core.repos().reservations().get(c, id);
        if (row == null || !(caller.isAdmin() || caller.subject().equals(row.reservation().owner()))) {
            throw ApiException.notFound("reservation " + id);
        }
        return row.reservation();
    }

    @Override
    public ExecResult exec(Principal caller, String id, ExecRequest req) {
        try {
            return execAsync(caller, id, req).toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable t = e.getCause() instanceof CompletionException && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            throw t instanceof ApiException a ? a : new IllegalStateException(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, null, "interrupted while waiting for the worker");
        }
    }

    @Override
    public CompletionStage<ExecResult> execAsync(Principal caller, String id, ExecRequest req) {
        WorkloadServiceImpl.person(caller);
        List<String> command = SpecValidator.command(req == null ? null : req.command(), "command");
        int max = core.config().exec_max_seconds();
        Integer t = req.timeoutSeconds();
        if (t != null && (t < 1 || t > max)) {
            throw ApiException.badRequest("timeoutSeconds", "timeoutSeconds must be between 1 and " + max);
        }
        int timeout = t == null ? Math.min(60, max) : t;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout + EXEC_GRACE_SECONDS);
        return awaitReady(caller, id, deadline).thenCompose(r -> {
            String execId = UUID.randomUUID().toString();
            PendingExec p = core.engine().sendExec(r.memberId(), r.id(), new ExecCommand(execId, r.id(), command, timeout, 0));
            return core.engine().signal().within(p.result(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
                    () -> new ApiException(504, null, "the worker did not answer within " + (timeout + EXEC_GRACE_SECONDS) + " s"))
                    .whenComplete((x, e) -> core.engine().dropExec(p));
        });
    }

    /** The reservation once READY (parked on its news, no thread held, while REQUESTED); 409 or 504 otherwise. */
    private CompletionStage<Reservation> awaitReady(Principal caller, String id, long deadline) {
        long seen = core.engine().signal().version();
        Reservation r;
        try {
            r = get(caller, id);
            if (r.state() == ReservationState.READY) {
                return CompletableFuture.completedFuture(r);
            }
            if (r.state() != ReservationState.REQUESTED) {
                throw ApiException.conflict("reservation " + id + " is " + r.state() + (r.reason() == null ? "" : ": " + r.reason()));
            }
            if (deadline - System.nanoTime() <= 0) {
                throw new ApiException(504, null, "the worker was not ready in time (still REQUESTED)");
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return core.engine().signal().next(id, seen, Duration.ofNanos(deadline - System.nanoTime()))
                .thenCompose(news -> awaitReady(caller, id, deadline));
    }

    @Override
    public Reservation release(Principal caller, String id) {
        WorkloadServiceImpl.person(caller);
        return core.mutate((c, ch) -> {
            Reservation r = visible(c, caller, id);
            if (r.state() != ReservationState.REQUESTED && r.state() != ReservationState.READY) {
                throw ApiException.conflict("reservation " + id + " is already " + r.state());
            }
            core.repos().reservations().setState(c, id, ReservationState.RELEASING, "released by " + caller.subject(), core.clock().millis());
            ch.put(r.memberId(), new ReleaseWorker(id));
            ch.signal();
            ch.failExecs(r.memberId(), id, "reservation " + id + " was released");
            return core.repos().reservations().get(c, id).reservation();
        });
    }
}
