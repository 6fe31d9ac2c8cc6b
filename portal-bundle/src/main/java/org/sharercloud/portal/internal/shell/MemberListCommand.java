package org.sharercloud.portal.internal.shell;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.Page;
import org.sharercloud.api.members.Member;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.MemberResource;
import org.sharercloud.portal.internal.rest.MemberViews;

/**
 * {@code sharer:member-list}: members (as {@code GET /api/v1/members} shows an admin) with state, free capacity,
 * what is placed there, load and the runtimes that work there; filtered and paged as the API.
 */
@Service
@Command(scope = "sharer", name = "member-list", description = "Lists the cluster's members with state, free capacity, placed work and load")
public class MemberListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--state", description = "Only members in this state, or CORDONED")
    @Completion(value = StringsCompleter.class, values = {"ONLINE", "SUSPECT", "DRAINING", "OFFLINE", "CORDONED"})
    String state;

    @Option(name = "--search", description = "Only members whose name, id, host name or a label value contains this")
    String search;

    @Option(name = "--limit", description = "Show one page of this many (1-1000); without it and --cursor, up to 1000")
    String limit;

    @Option(name = "--cursor", description = "The page after this cursor (printed under the previous page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Page<MemberViews.AdminRow> page = MemberResource.adminPage(services, state, search, limit, cursor);
        if (json) {
            ShellPaging.printJson(page, limit, cursor);
            return;
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        for (String c : new String[] {"ID", "Name", "State", "Cores", "Free CPU", "Free memory", "Placed", "Load", "Runtimes", "Last seen"}) {
            table.column(c);
        }
        for (MemberViews.AdminRow row : page.items()) {
            Member m = row.member();
            String runtimes = m.runtimes().entrySet().stream().filter(e -> e.getValue().available()).map(Map.Entry::getKey)
                    .collect(Collectors.joining(","));
            table.addRow().addContent(m.id(), m.name(), MemberFormat.state(m), m.host().cores(), MemberFormat.cores(m.capacity().cpuMillisFree()),
                    MemberFormat.memory(m.capacity().memoryMbFree()), MemberFormat.placed(row.allocated()), MemberFormat.load(m),
                    runtimes.isEmpty() ? "none" : runtimes, MemberFormat.ago(m.lastSeen(), now));
        }
        table.print(System.out);
        ShellPaging.footer("member-list", page, "member");
    }
}
