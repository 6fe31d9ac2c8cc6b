package org.sharercloud.portal.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.ApiException;
import org.sharercloud.portal.internal.live.ClusterSeries;
import org.sharercloud.portal.internal.rest.ClusterResource;
import org.sharercloud.portal.internal.rest.Durations;

/**
 * {@code sharer:cluster-series [--since 10m]}: the cluster every 5 s (members online, CPU and memory offered,
 * allocated and used, queue, placements/s), as {@code GET /api/v1/cluster/series?since=} answers.
 */
@Service
@Command(scope = "sharer", name = "cluster-series", description = "Shows the cluster over time: capacity, allocation, load, queue, placements/s")
public class ClusterSeriesCommand extends SharerCommand {
    @Reference
    ClusterSeries series;

    @Option(name = "--since", description = "How far back: 90s, 15m, 1h or PT1H (default 10m; the coordinator keeps the last hour)")
    String since = "10m";

    @Option(name = "--json", description = "Print the API's JSON (GET /api/v1/cluster/series?since=…) instead")
    boolean json;

    @Override
    protected void run() throws Exception {
        Duration back = Durations.parse("since", since);
        if (back.isZero() || back.isNegative()) {
            throw ApiException.badRequest("since", "--since must be a positive duration");
        }
        ClusterResource.Series s = ClusterResource.series(series, Instant.now().minus(back));
        if (json) {
            ShellJson.print(s);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Time", "Online", "Members", "CPU offered", "allocated", "used", "Memory offered", "allocated",
            "Queue", "Placed/s"}) {
            t.column(c);
        }
        for (ClusterSeries.Sample x : s.samples()) {
            t.addRow().addContent(WorkloadShell.time(x.at()), x.online(), x.members(), MemberFormat.cores(x.cpuTotalMillis()),
                    MemberFormat.cores(x.cpuAllocatedMillis()), MemberFormat.cores(x.cpuUsedMillis()), MemberFormat.memory(x.memoryTotalMb()),
                    MemberFormat.memory(x.memoryAllocatedMb()), x.queue(), String.format(Locale.ROOT, "%.2f", x.placementsPerSecond()));
        }
        t.print(System.out);
        System.out.println(s.samples().size() + " samples, one every " + s.stepSeconds() + " s (CPU in cores)");
    }
}
