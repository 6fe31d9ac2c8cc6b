package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.Page;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.MemberResource;

/** {@code sharer:member-attempts <id>}: what ran on a member, newest first, one page at a time (GET /api/v1/members/{id}/attempts). */
@Service
@Command(scope = "sharer", name = "member-attempts", description = "Shows what ran on a member: its attempts, newest first")
public class MemberAttemptsCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--limit", description = "How many per page, 1-1000 (default 50)")
    String limit;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON (always a page: items, nextCursor) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        Page<Attempt> page = MemberResource.attempts(services, id, limit, cursor);
        if (json) {
            ShellJson.print(page);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Attempt", "Workload", "Replica", "State", "Exit", "CPU s", "Started", "Reason"}) {
            t.column(c);
        }
        for (Attempt a : page.items()) {
            t.addRow().addContent(a.id(), a.workloadId(), a.replica(), a.state(), a.exitCode() == null ? "" : a.exitCode(),
                    String.format("%.1f", a.cpuSeconds()), WorkloadShell.time(a.startedAt()), a.reason() == null ? "" : a.reason());
        }
        t.print(System.out);
        int n = page.items().size();
        System.out.println(n + (n == 1 ? " attempt" : " attempts") + (page.nextCursor() == null ? ""
                : "; more: sharer:member-attempts --cursor " + page.nextCursor() + " " + id));
    }
}
