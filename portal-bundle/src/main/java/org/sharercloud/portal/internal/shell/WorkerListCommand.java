package org.sharercloud.portal.internal.shell;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.MemberViews;

/**
 * {@code sharer:worker-list}: members a worker can be reserved on now (ONLINE, not cordoned), with their free
 * room: what {@code GET /api/v1/members} shows a requestor.
 */
@Service
@Command(scope = "sharer", name = "worker-list", description = "Lists the members a worker can be reserved on now")
public class WorkerListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON (as a requestor sees it) instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<MemberViews.Worker> workers = services.members().list().stream().filter(MemberViews::available).map(MemberViews::worker)
                .collect(Collectors.toList());
        if (json) {
            ShellJson.print(workers);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Member", "Name", "CPU free (m)", "Memory free (MB)", "Labels"}) {
            t.column(c);
        }
        for (MemberViews.Worker w : workers) {
            t.addRow().addContent(w.id(), w.name(), w.capacity() == null ? "-" : w.capacity().cpuMillisFree(),
                    w.capacity() == null ? "-" : w.capacity().memoryMbFree(), w.labels() == null ? "" : w.labels());
        }
        t.print(System.out);
    }
}
