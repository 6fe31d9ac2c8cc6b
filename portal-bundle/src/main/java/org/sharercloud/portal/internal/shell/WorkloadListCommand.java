package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.Page;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.WorkloadResource;

/** {@code sharer:workload-list}: workloads, newest first, filtered and paged as {@code GET /api/v1/workloads}. */
@Service
@Command(scope = "sharer", name = "workload-list", description = "Lists workloads, newest first (filters and paging as the API)")
public class WorkloadListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--state", description = "Only workloads in this state")
    @Completion(value = StringsCompleter.class, values = {"PENDING", "SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT"})
    String state;

    @Option(name = "--search", description = "Only workloads whose name or id contains this (case-insensitive)")
    String search;

    @Option(name = "--owner", description = "Only this owner's workloads")
    String owner;

    @Option(name = "--limit", description = "Show one page of this many (1-1000); without it and --cursor, up to 1000")
    String limit;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Page<Workload> page = WorkloadResource.page(services, WorkloadShell.CONSOLE, state, search, owner, limit, cursor);
        if (json) {
            ShellPaging.printJson(page, limit, cursor);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Name", "Owner", "Kind", "Runtime", "State", "Replicas", "Attempts", "Submitted"}) {
            t.column(c);
        }
        for (Workload w : page.items()) {
            t.addRow().addContent(w.id(), w.spec().name(), w.owner(), w.spec().kind(), w.spec().runtime(), w.state(), w.spec().replicas(),
                    w.attempts().size(), WorkloadShell.time(w.submittedAt()));
        }
        t.print(System.out);
        ShellPaging.footer("workload-list", page, "workload");
    }
}
