package org.sharercloud.portal.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:scheduler-strategy [name]}: lists the strategies, or switches to {@code name}. */
@Service
@Command(scope = "sharer", name = "scheduler-strategy", description = "Lists placement strategies, or switches the active one")
public class SchedulerStrategyCommand implements Action {
    @Reference
    Services services;

    @Argument(index = 0, name = "name", required = false, description = "strategy to switch to (first-fit, spread, binpack, forecast, …)")
    String name;

    @Override
    public Object execute() {
        try {
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
        } catch (ApiException e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }
}
