package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationRequest;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:worker-reserve <member> <image>}: reserves a worker (a long-lived sandbox) there. */
@Service
@Command(scope = "sharer", name = "worker-reserve", description = "Reserves a worker (a long-lived sandbox) on a member")
public class WorkerReserveCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--cpu", description = "CPU quota in millicores (default 1000)")
    Integer cpu;

    @Option(name = "--memory", description = "Memory limit in MB (default 256)")
    Integer memory;

    @Option(name = "--env", description = "NAME=value, repeatable", multiValued = true)
    List<String> env;

    @Option(name = "--json", description = "Print the API's JSON of the reservation instead")
    boolean json;

    @Argument(index = 0, name = "member", description = "Member id (see worker-list)", required = true)
    @Completion(MemberIdCompleter.class)
    String member;

    @Argument(index = 1, name = "image", description = "Image of the sandbox", required = true)
    String image;

    @Override
    protected void run() throws Exception {
        Reservation r = services.reservations().reserve(WorkloadShell.CONSOLE,
                new ReservationRequest(member, image, WorkloadSubmitCommand.pairs(env, "env"), cpu, memory));
        if (json) {
            ShellJson.print(r);
            return;
        }
        System.out.println("Reserved worker " + r.id() + " on " + r.memberId() + ": " + r.state());
    }
}
