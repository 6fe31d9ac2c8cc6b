package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.JoinTokenInfo;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:join-token-list}: join tokens still usable, newest first, without secrets (as GET /api/v1/join-tokens). */
@Service
@Command(scope = "sharer", name = "join-token-list", description = "Lists the join tokens still usable (never their secrets)")
public class JoinTokenListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<JoinTokenInfo> tokens = services.members().joinTokens();
        if (json) {
            ShellJson.print(tokens);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Created", "Expires", "Uses", "Left"}) {
            t.column(c);
        }
        for (JoinTokenInfo i : tokens) {
            t.addRow().addContent(i.id(), WorkloadShell.time(i.createdAt()), WorkloadShell.time(i.expiresAt()), i.uses(), i.usesLeft());
        }
        t.print(System.out);
    }
}
