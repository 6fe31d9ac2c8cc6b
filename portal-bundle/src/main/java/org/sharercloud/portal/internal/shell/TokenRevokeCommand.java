package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:token-revoke <id>}: revokes an API token at once (as DELETE /api/v1/tokens/{id}); never the last admin token. */
@Service
@Command(scope = "sharer", name = "token-revoke", description = "Revokes an API token: it stops working at once")
public class TokenRevokeCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Token id (sharer:token-list)", required = true)
    @Completion(TokenIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON (the revoked token, without its secret) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        TokenInfo t = services.tokens().revoke(id);
        if (json) {
            ShellJson.print(t);
            return;
        }
        System.out.println("Revoked " + t.role() + " token " + t.id() + " of " + t.name());
    }
}
