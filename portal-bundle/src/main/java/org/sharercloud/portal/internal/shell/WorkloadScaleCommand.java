package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-scale <id> <replicas>}: sets a service's replica count by hand. */
@Service
@Command(scope = "sharer", name = "workload-scale", description = "Sets the number of replicas a service keeps running")
public class WorkloadScaleCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Workload id (a service)", required = true)
    @Completion(WorkloadIdCompleter.class)
    String id;

    @Argument(index = 1, name = "replicas", description = "Replicas to keep running, 1..100", required = true)
    int replicas;

    @Option(name = "--json", description = "Print the API's JSON of the workload instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Workload w = services.workloads().scale(WorkloadShell.CONSOLE, id, replicas);
        if (json) {
            ShellJson.print(w);
            return;
        }
        System.out.println(WorkloadShell.summary(w));
    }
}
