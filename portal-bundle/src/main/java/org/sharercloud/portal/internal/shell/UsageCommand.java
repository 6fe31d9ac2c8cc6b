package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.Usage;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:usage [OWNER]}: what a requestor uses of its quotas (GET /api/v1/usage?owner=). */
@Service
@Command(scope = "sharer", name = "usage", description = "Shows what a requestor uses of its quotas: stored logs and outputs, unfinished workloads, reserved workers")
public class UsageCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "owner", description = "the requestor (a token's name); the console itself when left out")
    String owner;

    @Option(name = "--json", description = "Print the API's JSON instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Usage u = services.workloads().usage(WorkloadShell.CONSOLE, owner);
        if (json) {
            ShellJson.print(u);
            return;
        }
        System.out.println(u.owner() + ": stores " + u.storedBytes() + " bytes (logs " + u.logBytes() + ", outputs " + u.outputBytes() + ")"
                + limit(u.storageLimitBytes()) + "; " + u.activeWorkloads() + " unfinished workloads" + limit(u.activeLimit()) + "; "
                + u.reservations() + " reserved workers" + limit(u.reservationLimit()));
    }

    private static String limit(Number n) {
        return n == null ? " (not limited)" : " of " + n;
    }
}
