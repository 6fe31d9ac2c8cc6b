package org.sharercloud.portal.internal.shell;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-availability <id> [--hours 24]}: how much of each recent hour a member was ONLINE. */
@Service
@Command(scope = "sharer", name = "member-availability", description = "Shows the fraction of each of the last hours a member was ONLINE")
public class MemberAvailabilityCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--hours", description = "How many hours back, 1-8760 (default 24)")
    int hours = 24;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        services.membersIfRunning().ifPresent(m -> m.get(id));
        List<HourAvailability> hoursOnline = services.monitoring().availability(id, hours);
        if (json) {
            ShellJson.print(hoursOnline);
            return;
        }
        ShellTable t = new ShellTable();
        t.column("Hour");
        t.column("Online");
        for (HourAvailability h : hoursOnline) {
            t.addRow().addContent(WorkloadShell.time(h.hour()), String.format(Locale.ROOT, "%.0f%%", h.online() * 100));
        }
        t.print(System.out);
    }
}
