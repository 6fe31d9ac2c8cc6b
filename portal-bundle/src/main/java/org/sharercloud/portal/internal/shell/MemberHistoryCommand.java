package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberTransition;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:member-history <id>}: a member's state and cordon changes, newest first, with their reasons. */
@Service
@Command(scope = "sharer", name = "member-history", description = "Shows a member's state changes (newest first) with time and reason")
public class MemberHistoryCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--limit", aliases = "-n", description = "How many changes to show (1-500)")
    int limit = 20;

    @Option(name = "--cursor", description = "Show the page after this cursor (printed under a full page)")
    String cursor;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        MemberHistoryPage page = services.members().history(id, limit, cursor);
        if (json) {
            ShellJson.print(page);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"At", "From", "To", "Cordoned", "Reason"}) {
            t.column(c);
        }
        for (MemberTransition m : page.items()) {
            t.addRow().addContent(m.at().toString(), m.from(), m.to(), m.cordoned() ? "yes" : "no", m.reason());
        }
        t.print(System.out);
        if (page.items().isEmpty()) {
            System.out.println("No state changes recorded");
        }
        if (page.nextCursor() != null) {
            System.out.println("Older: sharer:member-history " + id + " --limit " + limit + " --cursor " + page.nextCursor());
        }
    }
}
