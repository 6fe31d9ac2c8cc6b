package org.sharercloud.portal.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.Durations;

/** {@code sharer:member-metrics <id> [--since 1h] [--step 2m]}: a member's metric history (GET /members/{id}/metrics). */
@Service
@Command(scope = "sharer", name = "member-metrics", description = "Shows a member's metric history: CPU load, owner load, memory")
public class MemberMetricsCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "id", description = "Member id", required = true)
    @Completion(MemberIdCompleter.class)
    String id;

    @Option(name = "--since", description = "How far back: 3600, 90s, 15m, 1h, 7d or PT1H (default 1h)")
    String since = "1h";

    @Option(name = "--step", description = "One row per step, as a duration (default: about 30 rows)")
    String step;

    @Option(name = "--json", description = "Print the API's JSON instead of a table (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        services.membersIfRunning().ifPresent(m -> m.get(id)); // an unknown member is an error, as in the API
        Duration back = Durations.parse("since", since);
        if (back.isZero() || back.isNegative()) {
            throw ApiException.badRequest("since", "--since must be a positive duration");
        }
        Instant to = Instant.now();
        Duration s = step == null ? Duration.ofSeconds(Math.max(1, back.getSeconds() / 30)) : Durations.parse("step", step);
        List<MetricPoint> points = services.monitoring().history(id, to.minus(back), to, s);
        if (json) {
            ShellJson.print(points);
            return;
        }
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Time", "CPU load", "Owner load", "Memory used", "Samples"}) {
            t.column(c);
        }
        for (MetricPoint p : points) {
            t.addRow().addContent(WorkloadShell.time(p.time()), String.format(Locale.ROOT, "%.2f", p.cpuLoad()),
                    String.format(Locale.ROOT, "%.2f", p.ownerLoad()), MemberFormat.memory(p.memoryUsedMb()), p.samples());
        }
        t.print(System.out);
        System.out.println(points.size() + (points.size() == 1 ? " point" : " points") + " at " + s.getSeconds() + " s steps");
    }
}
