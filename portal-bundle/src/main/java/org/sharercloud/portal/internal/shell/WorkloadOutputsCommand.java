package org.sharercloud.portal.internal.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.OutputArchive;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:workload-outputs <id> <file>}: writes the outputs archive (tar) to a file. */
@Service
@Command(scope = "sharer", name = "workload-outputs", description = "Writes the files a workload produced under /output to a tar file")
public class WorkloadOutputsCommand implements Action {
    @Reference
    Services services;

    @Option(name = "--attempt", description = "A given attempt's outputs (default: the latest succeeded attempt)")
    String attempt;

    @Argument(index = 0, name = "id", description = "Workload id", required = true)
    @Completion(WorkloadIdCompleter.class)
    String id;

    @Argument(index = 1, name = "file", description = "Where to write the tar archive", required = true)
    String file;

    @Override
    public Object execute() {
        try {
            OutputArchive a = services.workloads().outputs(WorkloadShell.CONSOLE, id, attempt);
            Files.write(Path.of(file), a.data());
            System.out.println("Wrote " + a.data().length + " bytes from attempt " + a.attemptId() + " to " + file + " (sha256 " + a.sha256() + ")");
        } catch (ApiException e) {
            System.out.println("Error: " + e.getMessage());
        } catch (IOException e) {
            System.out.println("Error: cannot write " + file + ": " + e.getMessage());
        }
        return null;
    }
}
