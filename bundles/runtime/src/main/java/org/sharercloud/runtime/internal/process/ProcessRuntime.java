package org.sharercloud.runtime.internal.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.runtime.internal.Specs;
import org.sharercloud.runtime.internal.WorkDir;

/**
 * The {@code process} runtime, like Nomad's exec driver: the command runs in a {@link Bubblewrap} sandbox (own
 * namespaces, no network, none of the agent's files) in a private work folder, under rlimits, with the wall-clock
 * and output caps of the docker runtime; unavailable, with the reason, where bwrap is missing or cannot create
 * namespaces. {@code sandbox=none} runs plain processes of the agent's user (the owner's own demo machine only).
 * Refused unless the owner set {@code enabled=true}.
 */
@Component(service = WorkloadRuntime.class, property = WorkloadRuntime.NAME + "=process", configurationPid = ProcessConfig.PID)
@Designate(ocd = ProcessConfig.class)
public class ProcessRuntime implements WorkloadRuntime {
    static final String DISABLED = "the process runtime is disabled: it runs commands without isolation; the machine's owner "
            + "must set enabled=true in etc/" + ProcessConfig.PID + ".cfg to allow it";

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sharer-process-timer"));
    private final ExecutorService tasks = Executors.newCachedThreadPool(r -> daemon(r, "sharer-process-run"));
    private final Map<ProcessRun, Boolean> runs = new ConcurrentHashMap<>();
    private volatile ProcessConfig config;
    /** CPU time of the runs that ended (guarded by {@code runs}' monitor with their removal, so a sum never dips or doubles). */
    private long finishedNanos;

    @Activate
    public ProcessRuntime(ProcessConfig config) {
        this.config = config;
    }

    @Modified
    void modified(ProcessConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        runs.keySet().forEach(ProcessRun::cancel);
        tasks.shutdown();
        try { // let cancelled runs kill their process groups and report
            tasks.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean available() {
        return unavailableReason() == null;
    }

    private volatile String sandboxProblem;
    private volatile long sandboxCheckedAt;

    /** Why runs are refused here, or null (the sandbox probe is repeated at most once a minute). */
    @Override
    public String unavailableReason() {
        ProcessConfig cfg = config;
        if (!cfg.enabled()) {
            return DISABLED;
        }
        if (!(onPath("setsid") && onPath("nice") && onPath("prlimit") && onPath("kill"))) {
            return "the process runtime needs setsid, nice, prlimit and kill (util-linux) on the PATH";
        }
        if ("none".equals(cfg.sandbox())) {
            return null;
        }
        long now = System.nanoTime();
        if (sandboxCheckedAt == 0 || now - sandboxCheckedAt > 60_000_000_000L) {
            sandboxProblem = Bubblewrap.problem(Bubblewrap.root());
            sandboxCheckedAt = now;
        }
        return sandboxProblem == null ? null : "the process runtime's sandbox is unavailable: " + sandboxProblem
                + " (or set sandbox=none in etc/" + ProcessConfig.PID + ".cfg on the owner's own machine)";
    }

    @Override
    public RunHandle start(RunSpec spec, RunListener listener) {
        ProcessConfig cfg = config;
        if (!cfg.enabled()) {
            throw ApiException.conflict(DISABLED);
        }
        String problem = unavailableReason();
        if (problem != null) {
            throw ApiException.conflict(problem);
        }
        Specs.id("attemptId", spec.attemptId());
        Specs.command(spec.command(), true);
        Specs.env(spec.env());
        Specs.limits(spec.cpuMillis(), spec.memoryMb());
        Specs.inputs(spec.inputs());
        ProcessRun[] self = new ProcessRun[1];
        Path base = workBase(cfg);
        if (!"none".equals(cfg.sandbox())) {
            traversable(base);
        }
        self[0] = new ProcessRun(cfg, base, timers, spec, listener, () -> ended(self[0]));
        runs.put(self[0], Boolean.TRUE);
        tasks.execute(self[0]);
        return self[0];
    }

    private void ended(ProcessRun run) {
        synchronized (runs) {
            if (runs.remove(run) != null) {
                finishedNanos += run.cpuNanos();
            }
        }
    }

    /** CPU time of every run's process tree, running and ended, since this runtime started. */
    @Override
    public long cpuNanos() {
        synchronized (runs) {
            long sum = finishedNanos;
            for (ProcessRun r : runs.keySet()) {
                sum += r.cpuNanos();
            }
            return sum;
        }
    }

    /**
     * Kills the processes an earlier agent left running in its work folders (it was killed hard, so nobody ended its
     * runs: {@link Orphans}), then deletes the folders.
     */
    @Override
    public int cleanup() {
        Path base = workBase(config);
        int n = 0;
        if (Files.isDirectory(base)) {
            int killed = Orphans.kill(base);
            if (killed > 0) {
                org.slf4j.LoggerFactory.getLogger(ProcessRuntime.class).info("Killed {} process(es) an earlier agent left running under {}",
                        killed, base);
            }
            try (var dirs = Files.list(base)) {
                for (Path p : (Iterable<Path>) dirs::iterator) {
                    WorkDir.deleteTree(p);
                    n++;
                }
            } catch (java.io.IOException e) {
                return n;
            }
        }
        return n;
    }

    /** The sandbox's user (nobody, when the agent is root) must reach its run folder through the base: {@code rwx--x--x}. */
    private static void traversable(Path base) {
        try {
            Files.createDirectories(base);
            Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot prepare the work folder " + base, e);
        }
    }

    private static Path workBase(ProcessConfig cfg) {
        return cfg.workDir().isBlank()
                ? Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "runtime", "process") // not under data/sharer (0700: the credential)
                : Path.of(cfg.workDir());
    }

    static boolean onPath(String tool) {
        return onPath(tool, System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    static boolean onPath(String tool, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
