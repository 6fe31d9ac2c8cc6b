package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:scheduler-strategy [name]}: lists the strategies, or switches to {@code name}. */
@Service
@Command(scope = "sharer", name = "scheduler-strategy", description = "Lists placement strategies, or switches the active one")
public class SchedulerStrategyCommand extends SharerCommand {
    @Reference
    Services services;

    @Argument(index = 0, name = "name", required = false, description = "strategy to switch to (first-fit, spread, binpack, forecast, …)")
    String name;

    @Override
    protected void run() {
        SchedulerService s = services.scheduler();
        if (name != null) {
            s.setActiveStrategy(name.strip());
        }
        for (String n : s.strategies()) {
            System.out.println((n.equals(s.activeStrategy()) ? "* " : "  ") + n);
        }
        if (name != null) {
            System.out.println("Active strategy: " + s.activeStrategy());
        }
    }
}
