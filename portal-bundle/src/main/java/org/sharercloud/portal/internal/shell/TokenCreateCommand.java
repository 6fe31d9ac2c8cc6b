package org.sharercloud.portal.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    @Option(name = "--expires", description = "When it stops working: an ISO-8601 instant (2030-01-31T12:00:00Z) or a duration from now (90d, 12h, 30m); default never")
    String expires;

    @Option(name = "--max-priority", description = "The highest workload priority it may set, 0..1000 (default 0; 1000 for admins)")
    Integer maxPriority;

    @Option(name = "--json", description = "Print the API's JSON (id, name, role, token, created, expiresAt, maxPriority) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        Role r;
        try {
            r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", "role must be REQUESTOR or ADMIN");
        }
        IssuedToken t = services.tokens().mint(name, r, expiresAt(), maxPriority);
        if (json) {
            ShellJson.print(t);
            return;
        }
        System.out.println(t.token());
        System.out.println(t.role() + " token " + t.id() + " for " + t.name() + " (shown once; only its hash is kept)"
                + (t.expiresAt() == null ? "" : ", expires " + t.expiresAt()) + ", max priority " + t.maxPriority());
    }

    private Instant expiresAt() {
        if (expires == null || expires.isBlank()) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([dhm])").matcher(expires.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
            return Instant.now().plus(d);
        }
        try {
            return Instant.parse(expires.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expiresAt", "--expires must be an ISO-8601 instant or a duration such as 90d, 12h, 30m");
        }
    }
}
