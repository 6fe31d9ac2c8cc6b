package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Command;
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

    @Override
    protected void run() {
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Member", "Image", "CPU (m)", "Memory (MB)", "State", "Owner", "Since"}) {
            t.column(c);
        }
        for (Reservation r : services.reservations().list(WorkloadShell.CONSOLE)) {
            t.addRow().addContent(r.id(), r.memberId(), r.image(), r.cpuMillis(), r.memoryMb(), r.state(), r.owner(),
                    WorkloadShell.time(r.createdAt()));
        }
        t.print(System.out);
    }
}
