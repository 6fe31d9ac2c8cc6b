package org.sharercloud.portal.internal.shell;

import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.MemberResource;

/** {@code sharer:member-summary}: how many members are in each state and how many are cordoned (GET /api/v1/members/summary). */
@Service
@Command(scope = "sharer", name = "member-summary", description = "Counts the members in each state, and the cordoned ones")
public class MemberSummaryCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Map<String, Integer> counts = MemberResource.summary(services);
        if (json) {
            ShellJson.print(counts);
            return;
        }
        StringBuilder line = new StringBuilder();
        counts.forEach((state, n) -> line.append(line.length() == 0 ? "" : ", ").append(n).append(' ').append(state.toLowerCase(java.util.Locale.ROOT)));
        System.out.println(line.length() == 0 ? "no members" : line);
    }
}
