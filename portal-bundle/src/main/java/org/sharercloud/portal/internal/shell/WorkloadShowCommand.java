package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-show <id>}: spec, state, attempts and, while pending, why. */
@Service
@Command(scope = "sharer", name = "workload-show", description = "Shows a workload: spec, state, attempts, why pending")
public class WorkloadShowCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Workload id", required = true)
    String id;

    @Override
    protected void run() {
        Workload w = services.workloads().get(WorkloadShell.CONSOLE, id);
        System.out.println(WorkloadShell.summary(w));
        System.out.println("  " + w.spec().runtime() + " runtime, " + (w.spec().image() == null || w.spec().image().isEmpty() ? ""
                : "image " + w.spec().image() + ", ") + "command " + w.spec().command());
        System.out.println("  " + w.spec().kind() + ", " + w.spec().replicas() + " replica(s), " + w.spec().cpuMillis() + "m cpu, "
                + w.spec().memoryMb() + " MB, timeout " + w.spec().timeoutSeconds() + " s, retries " + w.spec().maxRetries()
                + ", priority " + w.spec().priority() + ", owner " + w.owner() + ", submitted " + WorkloadShell.time(w.submittedAt()));
        if (w.spec().autoscaling() != null) {
            var a = w.spec().autoscaling();
            System.out.println("  autoscaled " + a.minReplicas() + ".." + a.maxReplicas() + " replicas at " + a.targetCpuPercent()
                    + "% cpu" + (a.isPredictive() ? ", predictive" : ", reactive")
                    + (w.autoscale() != null && w.autoscale().lastDecision() != null
                            ? "; last change " + WorkloadShell.time(w.autoscale().decidedAt()) + ": " + w.autoscale().lastDecision()
                            : "; no change yet"));
        }
        System.out.println("Attempts (replica id member token state):");
        for (Attempt a : w.attempts()) {
            System.out.println("  " + WorkloadShell.attempt(a));
        }
        if (!w.state().isFinal() && w.state() != WorkloadState.RUNNING) {
            services.schedulerIfRunning().ifPresent(s -> pending(s.explain(id)));
        }
    }

    private static void pending(List<PendingExplanation> why) {
        for (PendingExplanation p : why) {
            System.out.println("Pending replica " + p.replica() + ": " + p.summary() + " (" + p.membersMatching() + " of "
                    + p.membersTotal() + " members match)");
        }
    }
}
