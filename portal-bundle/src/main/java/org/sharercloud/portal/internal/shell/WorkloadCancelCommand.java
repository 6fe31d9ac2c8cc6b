package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-cancel <id>}: cancels; running containers are stopped by their agents. */
@Service
@Command(scope = "sharer", name = "workload-cancel", description = "Cancels a workload (its running attempts are stopped)")
public class WorkloadCancelCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Workload id", required = true)
    @Completion(WorkloadIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON of the workload instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Workload w = services.workloads().cancel(WorkloadShell.CONSOLE, id);
        if (json) {
            ShellJson.print(w);
            return;
        }
        System.out.println(WorkloadShell.summary(w));
    }
}
