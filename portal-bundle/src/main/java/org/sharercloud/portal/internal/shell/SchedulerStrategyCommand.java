package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.SchedulerResource.Strategies;

/** {@code sharer:scheduler-strategy [name]}: lists the strategies, or switches to {@code name}. */
@Service
@Command(scope = "sharer", name = "scheduler-strategy", description = "Lists placement strategies, or switches the active one")
public class SchedulerStrategyCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "name", required = false, description = "strategy to switch to (first-fit, spread, binpack, forecast, …)")
    @Completion(StrategyNameCompleter.class)
    String name;

    @Option(name = "--json", description = "Print the API's JSON (strategies, active, status) instead (for scripts)")
    boolean json;

    @Override
    protected void run() throws Exception {
        SchedulerService s = services.scheduler();
        if (name != null) {
            s.setActiveStrategy(name.strip());
        }
        if (json) {
            ShellJson.print(new Strategies(s.strategies(), s.activeStrategy(), s.status()));
            return;
        }
        ShellTable t = new ShellTable();
        t.column("Strategy");
        t.column("Active");
        for (String n : s.strategies()) {
            t.addRow().addContent(n, n.equals(s.activeStrategy()) ? "*" : "");
        }
        t.print(System.out);
        if (name != null) {
            System.out.println("Active strategy: " + s.activeStrategy());
        }
    }
}
