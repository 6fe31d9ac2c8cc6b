package org.sharercloud.portal.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;

/** Completes workload ids (the console sees every workload). */
@Service
public class WorkloadIdCompleter implements Completer {
    @Reference
    Services services;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        services.workloadsIfRunning().ifPresent(w -> w.list(WorkloadShell.CONSOLE).stream().map(Workload::id).forEach(ids.getStrings()::add));
        return ids.complete(session, commandLine, candidates);
    }
}
