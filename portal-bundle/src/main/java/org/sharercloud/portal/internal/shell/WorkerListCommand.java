package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-list}: members a worker can be reserved on now (ONLINE, not cordoned), with their free room. */
@Service
@Command(scope = "sharer", name = "worker-list", description = "Lists the members a worker can be reserved on now")
public class WorkerListCommand extends SharerCommand {
    @Reference
    Services services;

    @Override
    protected void run() {
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Member", "Name", "CPU free (m)", "Memory free (MB)", "Labels"}) {
            t.column(c);
        }
        for (Member m : services.members().list()) {
            if (m.state() != MemberState.ONLINE || m.cordoned()) {
                continue;
            }
            t.addRow().addContent(m.id(), m.name(), m.capacity() == null ? "-" : m.capacity().cpuMillisFree(),
                    m.capacity() == null ? "-" : m.capacity().memoryMbFree(), m.host() == null ? "" : m.host().labels());
        }
        t.print(System.out);
    }
}
