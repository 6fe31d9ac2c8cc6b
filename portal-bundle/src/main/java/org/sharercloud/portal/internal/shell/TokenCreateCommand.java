package org.sharercloud.portal.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.IssuedToken;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:token-create <name> [--role REQUESTOR|ADMIN]}: mints an API token (as POST /api/v1/tokens) and prints it once. */
@Service
@Command(scope = "sharer", name = "token-create", description = "Mints an API token for a requestor (or an admin) and prints it (shown once)")
public class TokenCreateCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "name", description = "Who the token is for", required = true)
    String name;

    @Option(name = "--role", description = "REQUESTOR (default) or ADMIN")
    @Completion(value = StringsCompleter.class, values = {"REQUESTOR", "ADMIN"})
    String role = "REQUESTOR";

    @Option(name = "--json", description = "Print the API's JSON (id, name, role, token, created) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        Role r;
        try {
            r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", "role must be REQUESTOR or ADMIN");
        }
        IssuedToken t = services.tokens().mint(name, r);
        if (json) {
            ShellJson.print(t);
            return;
        }
        System.out.println(t.token());
        System.out.println(t.role() + " token " + t.id() + " for " + t.name() + " (shown once; only its hash is kept)");
    }
}
