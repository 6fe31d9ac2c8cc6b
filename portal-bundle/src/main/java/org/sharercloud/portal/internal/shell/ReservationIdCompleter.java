package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.portal.internal.Services;

/** Completes reservation (reserved worker) ids. */
@Service
public class ReservationIdCompleter implements Completer {
    @Reference
    Services services;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        try {
            services.reservations().list(WorkloadShell.CONSOLE).stream().map(Reservation::id).forEach(ids.getStrings()::add);
        } catch (ApiException e) {
            // workloads module stopped: nothing to complete
        }
        return ids.complete(session, commandLine, candidates);
    }
}
