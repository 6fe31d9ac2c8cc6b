package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.workloads.ExecRequest;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-exec <reservation> command...}: runs a command in a reserved worker and prints its output. */
@Service
@Command(scope = "sharer", name = "worker-exec", description = "Runs a command in a reserved worker and prints its output")
public class WorkerExecCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--timeout", description = "Limit for the command in seconds (default 60)")
    Integer timeout;

    @Option(name = "--json", description = "Print the API's JSON (exitCode, stdout, stderr, timedOut) instead")
    boolean json;

    @Argument(index = 0, name = "reservation", description = "Reservation id (see worker-mine)", required = true)
    @Completion(ReservationIdCompleter.class)
    String reservation;

    @Argument(index = 1, name = "command", description = "Command and arguments", required = true, multiValued = true)
    List<String> command;

    @Override
    protected void run() throws Exception {
        ExecResult r = services.reservations().exec(WorkloadShell.CONSOLE, reservation, new ExecRequest(command, timeout));
        if (json) {
            ShellJson.print(r);
            return;
        }
        System.out.print(r.stdout());
        if (!r.stderr().isEmpty()) {
            System.err.print(r.stderr());
        }
        System.out.println("[exit " + r.exitCode() + (r.timedOut() ? ", timed out" : "") + "]");
    }
}
