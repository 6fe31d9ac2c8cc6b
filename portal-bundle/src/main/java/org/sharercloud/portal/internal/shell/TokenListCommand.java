package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:token-list}: every API token, newest first, without secrets (as GET /api/v1/tokens). */
@Service
@Command(scope = "sharer", name = "token-list", description = "Lists the API tokens (never their secrets), newest first")
public class TokenListCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<TokenInfo> tokens = services.tokens().list();
        if (json) {
            ShellJson.print(tokens);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Name", "Role", "Created", "Revoked"}) {
            t.column(c);
        }
        for (TokenInfo i : tokens) {
            t.addRow().addContent(i.id(), i.name(), i.role(), WorkloadShell.time(i.created()), i.revoked() ? "yes" : "");
        }
        t.print(System.out);
    }
}
