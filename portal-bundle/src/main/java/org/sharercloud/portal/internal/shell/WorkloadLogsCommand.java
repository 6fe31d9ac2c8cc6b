package org.sharercloud.portal.internal.shell;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.workloads.LogChunk;
import org.sharercloud.api.workloads.LogPage;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-logs [-f] <id>}: the output of a workload; {@code -f} follows until it is final. */
@Service
@Command(scope = "sharer", name = "workload-logs", description = "Prints a workload's output (-f follows until it ends)")
public class WorkloadLogsCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "-f", aliases = "--follow", description = "Keep printing until the workload is final (Ctrl-C stops)")
    boolean follow;

    @Argument(index = 0, name = "id", description = "Workload id", required = true)
    @Completion(WorkloadIdCompleter.class)
    String id;

    @Override
    protected void run() {
        long after = 0;
        while (!Thread.currentThread().isInterrupted()) {
            LogPage page = services.workloads().logs(WorkloadShell.CONSOLE, id, after, follow ? Duration.ofSeconds(5) : Duration.ZERO);
            for (LogChunk c : page.chunks()) {
                System.out.print(c.text());
            }
            System.out.flush();
            after = page.next();
            if (page.finished() || (!follow && page.chunks().isEmpty())) {
                break;
            }
        }
    }
}
