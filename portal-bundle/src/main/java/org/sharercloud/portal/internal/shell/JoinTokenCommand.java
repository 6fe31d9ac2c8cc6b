package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.Durations;

/** {@code sharer:join-token [--ttl 1h] [--uses n]}: prints a new join token for contributors. */
@Service
@Command(scope = "sharer", name = "join-token", description = "Mints a join token for contributor machines and prints it (shown once)")
public class JoinTokenCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--ttl", description = "How long the token is valid: 3600, 90s, 15m, 1h, 7d or PT1H (default 1h)")
    String ttl = "1h";

    @Option(name = "--uses", description = "How many joins it allows (default 1)")
    int uses = 1;

    @Option(name = "--json", description = "Print the API's JSON (id, token, expiresAt, uses) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        JoinToken t = services.members().createJoinToken(Durations.parse("ttl", ttl), uses);
        if (json) {
            ShellJson.print(t);
            return;
        }
        System.out.println(t.token());
        System.out.println("valid until " + t.expiresAt() + " for " + t.uses() + (t.uses() == 1 ? " join" : " joins"));
    }
}
