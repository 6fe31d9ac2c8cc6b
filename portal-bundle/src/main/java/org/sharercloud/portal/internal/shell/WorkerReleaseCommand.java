package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-release <reservation>}: releases a reserved worker. */
@Service
@Command(scope = "sharer", name = "worker-release", description = "Releases a reserved worker (its sandbox is removed)")
public class WorkerReleaseCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "reservation", description = "Reservation id", required = true)
    @Completion(ReservationIdCompleter.class)
    String reservation;

    @Option(name = "--json", description = "Print the API's JSON instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Reservation r = services.reservations().release(WorkloadShell.CONSOLE, reservation);
        if (json) {
            ShellJson.print(r);
            return;
        }
        System.out.println("Worker " + r.id() + " on " + r.memberId() + " is " + r.state());
    }
}
