package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.auth.IssuedToken;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:token-rotate <id>}: a new secret for a token (as POST /api/v1/tokens/{id}/rotate); the old stops at once. */
@Service
@Command(scope = "sharer", name = "token-rotate", description = "Gives an API token a new secret (printed once); the old secret stops working at once")
public class TokenRotateCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Token id (sharer:token-list)", required = true)
    @Completion(TokenIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print the API's JSON (id, name, role, token, created, expiresAt, maxPriority) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        IssuedToken t = services.tokens().rotate(id);
        if (json) {
            ShellJson.print(t);
            return;
        }
        System.out.println(t.token());
        System.out.println("Rotated " + t.role() + " token " + t.id() + " of " + t.name() + " (new secret shown once; the old one no longer works)");
    }
}
