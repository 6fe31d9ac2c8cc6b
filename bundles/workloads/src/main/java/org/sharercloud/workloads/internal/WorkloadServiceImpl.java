package org.sharercloud.workloads.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.LogChunk;
import org.sharercloud.api.workloads.LogPage;
import org.sharercloud.api.workloads.OutputArchive;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadQuery;
import org.sharercloud.api.workloads.Usage;
import org.sharercloud.api.workloads.WorkloadService;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.workloads.internal.engine.ImagePolicy;
import org.sharercloud.workloads.internal.engine.SpecValidator;
import org.sharercloud.workloads.internal.store.Cursor;

/** The requestor side: submit, list, show, cancel, logs and outputs. Owner or admin only. */
@Component(service = {WorkloadService.class, SharerModule.class}, property = SharerModule.MODULE + "=workloads")
public class WorkloadServiceImpl implements WorkloadService, SharerModule {
    private static final int LOG_PAGE = 500;
    private final WorkloadsCore core;

    @Activate
    public WorkloadServiceImpl(@Reference WorkloadsCore core) {
        this.core = core;
    }

    @Override
    public Workload submit(Principal owner, WorkloadSpec spec) {
        person(owner);
        WorkloadSpec valid = new SpecValidator(core.config().spec_max_bytes(), core.config().inputs_max_bytes()).validate(spec);
        if (valid.priority() > owner.maxPriority()) {
            throw new ApiException(403, "priority", "priority " + valid.priority() + " is above this token's grant of " + owner.maxPriority()
                    + "; an admin grants more with sharer:token-create --max-priority");
        }
        if (!valid.image().isEmpty()) {
            ImagePolicy.check(valid.image(), core.config().images_allowed(), "image");
        }
        String id = UUID.randomUUID().toString();
        return core.mutate((c, ch) -> {
            int quota = core.config().max_active_per_owner();
            if (!owner.isAdmin() && core.repos().workloads().active(c, owner.subject()) >= quota) {
                throw new ApiException(429, null, owner.subject() + " has " + quota + " unfinished workloads, the most a requestor may have; "
                        + "submit again when some have finished or are cancelled");
            }
            new StorageQuota(core.config()).check(c, core, owner, core.clock().millis());
            core.repos().workloads().insert(c, id, owner.subject(), valid, core.clock().millis());
            ch.state(id, WorkloadState.PENDING);
            ch.trigger();
            return core.withAttempts(c, core.repos().workloads().get(c, id));
        });
    }

    @Override
    public List<Workload> list(Principal caller) {
        person(caller);
        return core.read(c -> {
            List<Workload> out = new ArrayList<>();
            for (Workload w : core.repos().workloads().list(c, caller.isAdmin() ? null : caller.subject())) {
                out.add(core.withAttempts(c, w));
            }
            return out;
        });
    }

    @Override
    public Page<Workload> page(Principal caller, WorkloadQuery q) {
        person(caller);
        int limit = Cursor.checkLimit(q.limit());
        Cursor after = Cursor.decode("w", q.cursor());
        String owner = caller.isAdmin() ? blankToNull(q.owner()) : caller.subject();
        if (!caller.isAdmin() && q.owner() != null && !q.owner().isBlank() && !q.owner().equals(caller.subject())) {
            throw ApiException.badRequest("owner", "only admins may list other owners' workloads");
        }
        return core.read(c -> {
            List<Workload> rows = core.repos().workloads().page(c, owner, q.state(), q.search(), after, limit);
            List<Workload> out = new ArrayList<>();
            for (Workload w : rows.subList(0, Math.min(limit, rows.size()))) {
                out.add(core.withAttempts(c, w));
            }
            Workload last = out.isEmpty() ? null : out.get(out.size() - 1);
            String next = rows.size() > limit ? new Cursor(last.submittedAt().toEpochMilli(), last.id()).encode("w") : null;
            return new Page<>(out, next);
        });
    }

    @Override
    public Page<Attempt> attemptsOn(String memberId, String cursor, int limit) {
        int n = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode("a", cursor);
        return core.read(c -> {
            List<Attempt> rows = core.repos().attempts().ofMember(c, memberId, after, n);
            List<Attempt> out = rows.subList(0, Math.min(n, rows.size()));
            Attempt last = out.isEmpty() ? null : out.get(out.size() - 1);
            String next = rows.size() > n ? new Cursor(last.scheduledAt().toEpochMilli(), last.id()).encode("a") : null;
            return new Page<>(out, next);
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public Workload get(Principal caller, String workloadId) {
        person(caller);
        return core.read(c -> core.visible(c, caller, workloadId));
    }

    @Override
    public Workload cancel(Principal caller, String workloadId) {
        person(caller);
        return core.mutate((c, ch) -> {
            Workload w = core.visible(c, caller, workloadId);
            if (w.state().isFinal()) {
                throw ApiException.conflict("workload " + workloadId + " is already " + w.state());
            }
            core.lifecycle().cancel(c, ch, w, caller.subject());
            return core.withAttempts(c, core.repos().workloads().get(c, workloadId));
        });
    }

    @Override
    public Workload scale(Principal caller, String workloadId, int replicas) {
        person(caller);
        return core.mutate((c, ch) -> {
            Workload w = core.visible(c, caller, workloadId);
            core.scaling().scale(c, ch, w, replicas, "set by " + caller.subject());
            return core.withAttempts(c, core.repos().workloads().get(c, workloadId));
        });
    }

    @Override
    public LogPage logs(Principal caller, String workloadId, long after, Duration wait) {
        person(caller);
        long deadline = System.nanoTime() + Math.max(0, wait == null ? 0 : wait.toMillis()) * 1_000_000;
        while (true) {
            long seen = core.engine().signal().version();
            LogPage page = page(caller, workloadId, after);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (!page.chunks().isEmpty() || page.finished() || left <= 0) {
                return page;
            }
            try {
                core.engine().signal().await(seen, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return page;
            }
        }
    }

    private LogPage page(Principal caller, String workloadId, long after) {
        return core.read(c -> {
            Workload w = core.visible(c, caller, workloadId);
            List<LogChunk> chunks = core.repos().logs().after(c, workloadId, after, LOG_PAGE);
            long next = chunks.isEmpty() ? after : chunks.get(chunks.size() - 1).seq();
            return new LogPage(chunks, next, w.state().isFinal() && chunks.size() < LOG_PAGE);
        });
    }

    @Override
    public CompletionStage<LogPage> awaitLogs(Principal caller, String workloadId, long after, Duration wait) {
        person(caller);
        return awaitPage(caller, workloadId, after, System.nanoTime() + Math.max(0, wait == null ? 0 : wait.toNanos()));
    }

    /** Reads; parks on the workload's news (no thread held) while there is nothing new and time is left. */
    private CompletionStage<LogPage> awaitPage(Principal caller, String workloadId, long after, long deadline) {
        long seen = core.engine().signal().version();
        LogPage page = page(caller, workloadId, after);
        long left = deadline - System.nanoTime();
        if (!page.chunks().isEmpty() || page.finished() || left <= 0) {
            return CompletableFuture.completedFuture(page);
        }
        return core.engine().signal().next(workloadId, seen, Duration.ofNanos(left))
                .thenCompose(news -> awaitPage(caller, workloadId, after, news ? deadline : System.nanoTime()));
    }

    @Override
    public OutputArchive outputs(Principal caller, String workloadId, String attemptId) {
        person(caller);
        return core.read(c -> {
            Workload w = core.visible(c, caller, workloadId);
            String chosen = attemptId;
            if (chosen == null || chosen.isBlank()) {
                chosen = pick(w.attempts());
            }
            OutputArchive out = chosen == null ? null : core.repos().outputs().get(c, workloadId, chosen);
            if (out == null) {
                throw ApiException.notFound(attemptId == null ? "outputs of workload " + workloadId : "outputs of attempt " + attemptId);
            }
            return out;
        });
    }

    private static String pick(List<Attempt> attempts) {
        String any = null;
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Attempt a = attempts.get(i);
            if (a.outputsSha256() == null) {
                continue;
            }
            if (a.state() == AttemptState.SUCCEEDED) {
                return a.id();
            }
            any = any == null ? a.id() : any;
        }
        return any;
    }

    @Override
    public long count() {
        return core.read(core.repos().workloads()::count);
    }

    @Override
    public Usage usage(Principal caller, String owner) {
        person(caller);
        String who = owner == null || owner.isBlank() ? caller.subject() : owner.strip();
        if (!caller.isAdmin() && !who.equals(caller.subject())) {
            throw ApiException.forbidden("a requestor sees only its own usage");
        }
        boolean admin = caller.isAdmin() && who.equals(caller.subject());
        return core.read(c -> new StorageQuota(core.config()).usage(c, core, who, admin));
    }

    static void person(Principal p) {
        if (p == null) {
            throw ApiException.unauthorized("no caller");
        }
        if (p.role() == Role.MEMBER) {
            throw ApiException.forbidden("member credentials cannot use workloads; use a requestor or admin token");
        }
    }
}
