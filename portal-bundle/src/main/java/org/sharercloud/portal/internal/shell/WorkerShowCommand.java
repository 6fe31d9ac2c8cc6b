package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-show <reservation>}: one reserved worker. */
@Service
@Command(scope = "sharer", name = "worker-show", description = "Shows one reserved worker: member, image, limits, state")
public class WorkerShowCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "reservation", description = "Reservation id (see worker-mine)", required = true)
    @Completion(ReservationIdCompleter.class)
    String reservation;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        Reservation r = services.reservations().get(WorkloadShell.CONSOLE, reservation);
        if (json) {
            ShellJson.print(r);
            return;
        }
        ShellTable t = new ShellTable().noHeaders();
        t.column("Field");
        t.column("Value");
        t.addRow().addContent("ID", r.id());
        t.addRow().addContent("State", r.state() + (r.reason() == null ? "" : ": " + r.reason()));
        t.addRow().addContent("Member", r.memberId());
        t.addRow().addContent("Image", r.image());
        t.addRow().addContent("Limits", r.cpuMillis() + "m cpu, " + r.memoryMb() + " MB");
        t.addRow().addContent("Owner", r.owner());
        t.addRow().addContent("Created", WorkloadShell.time(r.createdAt()));
        t.addRow().addContent("Updated", WorkloadShell.time(r.updatedAt()));
        t.print(System.out);
    }
}
