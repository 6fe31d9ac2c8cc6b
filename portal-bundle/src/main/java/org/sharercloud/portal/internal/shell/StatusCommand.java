package org.sharercloud.portal.internal.shell;

import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.portal.internal.Health;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:status}: version, each module's state, the store in use, members and workloads. */
@Service
@Command(scope = "sharer", name = "status", description = "Shows the coordinator's version, module states, store and counts")
public class StatusCommand implements Action {
    @Reference
    Health health;

    @Reference
    Services services;

    @Option(name = "--json", description = "Print GET /api/v1/health's JSON instead (for scripts)")
    boolean json;

    @Override
    public Object execute() throws Exception {
        Health.Report r = health.report();
        if (json) {
            ShellJson.print(r);
            return null;
        }
        System.out.println("Sharer Cloud " + r.version() + " - coordinator " + r.status());
        ShellTable table = new ShellTable();
        table.column("Module");
        table.column("State");
        r.modules().forEach((name, state) -> table.addRow().addContent(name, state));
        table.print(System.out);
        System.out.println("Store:     " + services.store().map(s -> s.kind() + " " + s.url() + " (schema " + s.schemaVersion() + ")")
                .orElse("DOWN (start bundle org.sharercloud.store)"));
        System.out.println("Members:   " + services.membersIfRunning().map(m -> members(m.countByState())).orElse("unknown (no members service running)"));
        System.out.println("Workloads: " + services.workloadsIfRunning().map(w -> Long.toString(w.count())).orElse("unknown (no workloads service running)"));
        return null;
    }

    private static String members(Map<MemberState, Integer> byState) {
        int total = byState.values().stream().mapToInt(Integer::intValue).sum();
        String detail = java.util.Arrays.stream(MemberState.values())
                .map(s -> s.name() + " " + byState.getOrDefault(s, 0)).collect(Collectors.joining(", "));
        return total + " (" + detail + ")";
    }
}
