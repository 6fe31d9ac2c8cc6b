package org.sharercloud.runtime.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.CappedOutput;
import org.sharercloud.runtime.internal.Termination;
import org.sharercloud.runtime.internal.WorkDir;

/**
 * One attempt as a process: {@code setsid -w [bwrap …] nice prlimit … -- command} in its work folder, so the
 * whole process group can be killed (and, in the {@link Bubblewrap} sandbox, its whole pid namespace with it);
 * the listener hears {@code finished} after it and its folder are gone.
 */
final class ProcessRun implements RunHandle, Runnable {
    private final ProcessConfig config;
    private final Path workBase;
    private final ScheduledExecutorService timers;
    private final RunSpec spec;
    private final RunListener listener;
    private final Runnable done;
    private final Termination termination = new Termination();
    private final ProcessUsage usage = new ProcessUsage();
    private volatile Process process;

    ProcessRun(ProcessConfig config, Path workBase, ScheduledExecutorService timers, RunSpec spec, RunListener listener, Runnable done) {
        this.config = config;
        this.workBase = workBase;
        this.timers = timers;
        this.spec = spec;
        this.listener = listener;
        this.done = done;
    }

    /** CPU time the run's process tree used so far (sampled every 200 ms), in nanoseconds. */
    long cpuNanos() {
        return usage.cpuNanos();
    }

    @Override
    public void cancel() {
        if (termination.request(RunResult.CANCELLED, "cancelled") && process != null) {
            killTree();
        }
    }

    @Override
    public void run() {
        RunResult result;
        WorkDir dir = null;
        try {
            dir = WorkDir.create(workBase, spec.attemptId(), spec.inputs());
            result = execute(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Termination.notStarted("the runtime stopped during the run");
        } catch (IOException | RuntimeException e) {
            result = Termination.notStarted("could not start the process: " + e.getMessage());
        } finally {
            termination.disarm();
            if (process != null) {
                killTree();
            }
            if (dir != null) {
                dir.delete();
            }
        }
        if (termination.requested() && result.exitCode() == -1) {
            result = termination.result(-1, false, 0, 0, 0, null, null);
        }
        done.run();
        listener.finished(result);
    }

    private RunResult execute(WorkDir dir) throws IOException, InterruptedException {
        int memoryMb = spec.memoryMb() > 0 ? spec.memoryMb() : config.defaultMemoryMb();
        int timeout = spec.timeoutSeconds() > 0 ? spec.timeoutSeconds() : config.defaultTimeoutSeconds();
        List<String> cmd = new ArrayList<>(List.of("setsid", "-w"));
        if (!"none".equals(config.sandbox())) {
            cmd.addAll(Bubblewrap.prefix(dir, (long) config.tmpSizeMb() << 20, Bubblewrap.root()));
        }
        cmd.addAll(List.of("nice", "-n", "10", "prlimit",
                "--as=" + ((long) memoryMb << 20), "--nproc=" + config.maxProcesses(), "--nofile=" + config.maxOpenFiles(),
                "--fsize=" + config.maxOutputFilesBytes(), "--core=0", "--"));
        cmd.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.root().toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", dir.root().toString(), "TMPDIR", dir.tmp().toString(),
                "LANG", "C.UTF-8", "SHARER_INPUT", dir.input().toString(), "SHARER_OUTPUT", dir.output().toString()));
        if (spec.env() != null) {
            env.putAll(spec.env());
        }
        if (termination.requested()) {
            return Termination.notStarted("cancelled");
        }
        process = pb.start();
        process.getOutputStream().close();
        termination.arm(timers, timeout, this::killTree, dir, config.maxOutputFilesBytes(), this::killTree);
        if (termination.requested()) {
            killTree();
        }
        listener.started();
        CappedOutput output = new CappedOutput(spec.maxOutputBytes(), listener::output);
        Thread out = pump(process.getInputStream(), false, output);
        Thread err = pump(process.getErrorStream(), true, output);
        ProcessHandle handle = process.toHandle();
        Future<?> sampler = timers.scheduleWithFixedDelay(() -> usage.sample(handle), 0, 200, TimeUnit.MILLISECONDS);
        int exit = process.waitFor();
        termination.disarm();
        sampler.cancel(false);
        killTree(); // what it left running in its process group
        out.join(5000);
        err.join(5000);
        output.flush();
        byte[] outputs = null;
        String problem = null;
        try {
            outputs = dir.archiveOutputs(config.maxOutputFilesBytes());
        } catch (IOException e) {
            problem = e.getMessage();
        }
        return termination.result(exit, false, memoryMb, usage.cpuSeconds(), usage.peakMemoryMb(), outputs, problem);
    }

    private Thread pump(InputStream in, boolean stderr, CappedOutput output) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.accept(stderr, buf, 0, n); // past the cap it only drains
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "sharer-process-" + (stderr ? "err" : "out"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Kills the process group (setsid made the process its leader), then any descendant left. */
    private void killTree() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = p.toHandle().descendants().toList();
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall through to the handles
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
