package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-list}: every workload, newest first. */
@Service
@Command(scope = "sharer", name = "workload-list", description = "Lists workloads, newest first")
public class WorkloadListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<Workload> workloads = services.workloads().list(WorkloadShell.CONSOLE);
        if (json) {
            ShellJson.print(workloads);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Name", "Owner", "Kind", "State", "Replicas", "Attempts", "Submitted"}) {
            t.column(c);
        }
        for (Workload w : workloads) {
            t.addRow().addContent(w.id(), w.spec().name(), w.owner(), w.spec().kind(), w.state(), w.spec().replicas(),
                    w.attempts().size(), WorkloadShell.time(w.submittedAt()));
        }
        t.print(System.out);
    }
}
