package org.sharercloud.portal.internal.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import java.util.List;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.WorkloadResource.WorkloadView;

/** What the workload and worker commands share: the console's principal and a few formats. */
final class WorkloadShell {
    /** The Karaf console acts as an admin; what it submits is owned by "console". */
    static final Principal CONSOLE = new Principal("console", Role.ADMIN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private WorkloadShell() {
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /**
     * What {@code GET /api/v1/workloads/{id}} answers: the workload and, while it is PENDING, SCHEDULED or RUNNING,
     * the scheduler's explanation (none when the scheduler or members module is down). ShellCommandsTest holds
     * this to the resource's answer.
     */
    static WorkloadView view(Services services, Workload w) {
        List<PendingExplanation> pending = null;
        if (w.state() == WorkloadState.PENDING || w.state() == WorkloadState.SCHEDULED || w.state() == WorkloadState.RUNNING) {
            pending = services.schedulerIfRunning().map(s -> {
                try {
                    return s.explain(w.id());
                } catch (ApiException e) {
                    return null;
                }
            }).orElse(null);
        }
        return new WorkloadView(w.id(), w.owner(), w.spec(), w.state(), w.reason(), w.submittedAt(), w.updatedAt(), w.attempts(),
                w.autoscale(), pending);
    }

    static String summary(Workload w) {
        return "Workload " + w.id() + " (" + w.spec().name() + ") is " + w.state() + (w.reason() == null ? "" : ": " + w.reason());
    }
}
