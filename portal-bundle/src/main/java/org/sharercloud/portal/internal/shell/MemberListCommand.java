package org.sharercloud.portal.internal.shell;

import java.time.Instant;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.Member;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-list}: every member with its state, capacity, load and the runtimes that work there. */
@Service
@Command(scope = "sharer", name = "member-list", description = "Lists the cluster's members with state, free capacity and load")
public class MemberListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<Member> members = services.members().list();
        if (json) {
            ShellJson.print(members);
            return;
        }
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        for (String c : new String[] {"ID", "Name", "State", "Cores", "Free CPU", "Free memory", "Load", "Runtimes", "Last seen"}) {
            table.column(c);
        }
        for (Member m : members) {
            String runtimes = m.runtimes().entrySet().stream().filter(e -> e.getValue().available()).map(java.util.Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.joining(","));
            table.addRow().addContent(m.id(), m.name(), MemberFormat.state(m), m.host().cores(), MemberFormat.cores(m.capacity().cpuMillisFree()),
                    MemberFormat.memory(m.capacity().memoryMbFree()), MemberFormat.load(m), runtimes.isEmpty() ? "none" : runtimes,
                    MemberFormat.ago(m.lastSeen(), now));
        }
        table.print(System.out);
        System.out.println(members.size() + (members.size() == 1 ? " member" : " members"));
    }
}
