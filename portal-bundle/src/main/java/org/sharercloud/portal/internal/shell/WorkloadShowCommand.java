package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.WorkloadResource.WorkloadView;

/** {@code sharer:workload-show <id>}: spec, state, attempts and, while pending, why. */
@Service
@Command(scope = "sharer", name = "workload-show", description = "Shows a workload: spec, state, attempts, why pending")
public class WorkloadShowCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Workload id", required = true)
    @Completion(WorkloadIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON (GET /api/v1/workloads/{id}) instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        WorkloadView v = WorkloadShell.view(services, services.workloads().get(WorkloadShell.CONSOLE, id));
        if (json) {
            ShellJson.print(v);
            return;
        }
        Workload w = new Workload(v.id(), v.owner(), v.spec(), v.state(), v.reason(), v.submittedAt(), v.updatedAt(), v.attempts(), v.autoscale());
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
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Replica", "Attempt", "Member", "Token", "State", "Exit", "CPU s", "Reason"}) {
            t.column(c);
        }
        for (Attempt a : w.attempts()) {
            t.addRow().addContent(a.replica(), a.id(), a.memberId(), a.fencingToken(), a.state(), a.exitCode() == null ? "" : a.exitCode(),
                    String.format("%.1f", a.cpuSeconds()), a.reason() == null ? "" : a.reason());
        }
        t.print(System.out);
        if (v.pending() != null) {
            for (PendingExplanation p : v.pending()) {
                System.out.println("Pending replica " + p.replica() + ": " + p.summary() + " (" + p.membersMatching() + " of "
                        + p.membersTotal() + " members match)");
            }
        }
    }
}
