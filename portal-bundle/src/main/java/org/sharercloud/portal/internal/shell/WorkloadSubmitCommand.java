package org.sharercloud.portal.internal.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.Json;
import org.sharercloud.portal.internal.rest.WorkloadRequest;

import com.fasterxml.jackson.core.JsonProcessingException;

/** {@code sharer:workload-submit [options] image command...} or {@code --file spec.json}. */
@Service
@Command(scope = "sharer", name = "workload-submit", description = "Submits a workload from flags or from a JSON spec file")
public class WorkloadSubmitCommand extends SharerCommand {
    @Reference
    Services services;

    @Option(name = "--file", description = "JSON spec file (as POST /api/v1/workloads); other flags are then ignored")
    String file;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--cpu", description = "CPU request in millicores (1-64000, default 250)")
    Integer cpu;

    @Option(name = "--memory", description = "Memory limit in MB (16-262144, default 256)")
    Integer memory;

    @Option(name = "--timeout", description = "Wall-clock limit per attempt in seconds (default 3600)")
    Integer timeout;

    @Option(name = "--replicas", description = "Replicas (default 1)")
    Integer replicas;

    @Option(name = "--retries", description = "Retries of a lost or failed attempt (default 2)")
    Integer retries;

    @Option(name = "--priority", description = "Priority 0-1000 (default 0)")
    Integer priority;

    @Option(name = "--kind", description = "job (default) or service")
    String kind;

    @Option(name = "--runtime", description = "docker (default: a sandboxed container) or process (a plain process, only on "
            + "members whose owner enabled it; no image needed: give - as the image)")
    String runtime;

    @Option(name = "--env", description = "NAME=value, repeatable", multiValued = true)
    List<String> env;

    @Option(name = "--constraint", description = "label=value a member must carry, repeatable", multiValued = true)
    List<String> constraints;

    @Option(name = "--input", description = "name=local-file, placed under /input, repeatable", multiValued = true)
    List<String> inputs;

    @Option(name = "--json", description = "Print the API's JSON of the accepted workload instead")
    boolean json;

    @Argument(index = 0, name = "image", description = "Image reference")
    String image;

    @Argument(index = 1, name = "command", description = "Command and arguments", multiValued = true)
    List<String> command;

    @Override
    protected void run() throws Exception {
        WorkloadRequest req = file != null ? fromFile() : new WorkloadRequest(name, "-".equals(image) ? null : image, command,
                pairs(env, "env"), cpu, memory, timeout, replicas, retries, files(inputs), pairs(constraints, "constraint"), priority,
                kind, null, runtime);
        Workload w = services.workloads().submit(WorkloadShell.CONSOLE, req.toSpec());
        if (json) {
            ShellJson.print(w);
            return;
        }
        System.out.println("Submitted workload " + w.id() + " (" + w.spec().name() + "): " + w.state());
    }

    private WorkloadRequest fromFile() {
        try {
            return Json.MAPPER.readValue(ShellFiles.read(file, "file"), WorkloadRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("file", file + " is not a valid workload spec: " + e.getOriginalMessage());
        }
    }

    static Map<String, String> pairs(List<String> values, String what) {
        if (values == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest(what, "--" + what + " takes NAME=value, got '" + v + "'");
            }
            out.put(v.substring(0, eq), v.substring(eq + 1));
        }
        return out;
    }

    private static Map<String, String> files(List<String> values) {
        Map<String, String> named = pairs(values, "input");
        if (named == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : named.entrySet()) {
            out.put(e.getKey(), ShellFiles.read(e.getValue(), "inputs"));
        }
        return out;
    }
}
