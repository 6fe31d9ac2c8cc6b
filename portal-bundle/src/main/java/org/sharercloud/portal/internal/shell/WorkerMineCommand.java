package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-mine}: the reserved workers still held. */
@Service
@Command(scope = "sharer", name = "worker-mine", description = "Lists the reserved workers still held")
public class WorkerMineCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<Reservation> mine = services.reservations().list(WorkloadShell.CONSOLE);
        if (json) {
            ShellJson.print(mine);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Member", "Image", "CPU (m)", "Memory (MB)", "State", "Owner", "Since"}) {
            t.column(c);
        }
        for (Reservation r : mine) {
            t.addRow().addContent(r.id(), r.memberId(), r.image(), r.cpuMillis(), r.memoryMb(), r.state(), r.owner(),
                    WorkloadShell.time(r.createdAt()));
        }
        t.print(System.out);
    }
}
