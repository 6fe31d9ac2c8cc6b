package org.sharercloud.portal.internal.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.cluster.ClusterView;
import org.sharercloud.api.cluster.Coordinator;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:cluster}: the coordinators sharing the store, which one leads, and each one's load (GET /api/v1/cluster). */
@Service
@Command(scope = "sharer", name = "cluster", description = "Lists the coordinators sharing this store, the leader, and each one's load")
public class ClusterCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--json", description = "Print the API's JSON (GET /api/v1/cluster) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        ClusterView v = services.cluster().view();
        if (json) {
            ShellJson.print(v);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Id", "Address", "Started", "Last beat", "Alive", "Role", "CPU", "Load", "Heap MB", "DB conns"}) {
            t.column(c);
        }
        for (Coordinator c : v.coordinators()) {
            t.addRow().addContent(c.id() + (c.self() ? " *" : ""), c.address(), WorkloadShell.time(c.startedAt()),
                    String.format(Locale.ROOT, "%.1f s ago", c.beatAgeMillis() / 1000.0), c.alive() ? "yes" : "DEAD",
                    c.leader() ? "leader" : "follower", c.load().processCpu() < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * c.load().processCpu()),
                    c.load().systemLoad() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", c.load().systemLoad()),
                    c.load().heapUsedMb() + "/" + c.load().heapMaxMb(), c.load().poolActive());
        }
        t.print(System.out);
        long alive = v.coordinators().stream().filter(Coordinator::alive).count();
        System.out.println(alive + " coordinator(s) alive on " + v.store() + (v.leaderId() == null ? ", no leader yet" : ", leader " + v.leaderId())
                + " (* this one; beat every " + v.beatSeconds() + " s, dead after " + v.deadAfterSeconds() + " s)");
    }
}
