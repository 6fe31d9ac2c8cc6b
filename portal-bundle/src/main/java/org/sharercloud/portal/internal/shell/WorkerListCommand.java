package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.Page;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.MemberResource;
import org.sharercloud.portal.internal.rest.MemberViews;

/**
 * {@code sharer:worker-list}: members a worker can be reserved on now (ONLINE, not cordoned), with their free
 * room and runtimes: what {@code GET /api/v1/members} shows a requestor (same search and paging).
 */
@Service
@Command(scope = "sharer", name = "worker-list", description = "Lists the members a worker can be reserved on now")
public class WorkerListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--search", description = "Only members whose name, id, host name or a label value contains this")
    String search;

    @Option(name = "--limit", description = "Show one page of this many (1-1000); without it and --cursor, up to 1000")
    String limit;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON (as a requestor sees it) instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        Page<MemberViews.Worker> page = MemberResource.workerPage(services, null, search, limit, cursor);
        if (json) {
            ShellPaging.printJson(page, limit, cursor);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Member", "Name", "CPU free (m)", "Memory free (MB)", "Runtimes", "Labels"}) {
            t.column(c);
        }
        for (MemberViews.Worker w : page.items()) {
            t.addRow().addContent(w.id(), w.name(), w.capacity() == null ? "-" : w.capacity().cpuMillisFree(),
                    w.capacity() == null ? "-" : w.capacity().memoryMbFree(), MemberFormat.runtimes(w.runtimes()),
                    w.labels() == null ? "" : w.labels());
        }
        t.print(System.out);
        ShellPaging.footer("worker-list", page, "worker");
    }
}
