package org.sharercloud.runtime.internal.docker;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkerSandbox;
import org.sharercloud.api.runtime.WorkerSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.runtime.internal.Specs;

/** The {@code docker} runtime: every run and reserved worker in a sandboxed container on the local engine. */
@Component(service = {WorkloadRuntime.class, SharerModule.class}, property = {WorkloadRuntime.NAME + "=docker", SharerModule.MODULE + "=runtime"},
        configurationPid = DockerConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DockerConfig.class)
public class DockerRuntime implements WorkloadRuntime, SharerModule {
    private final Engine engine;
    private final Map<DockerRun, Boolean> runs = new ConcurrentHashMap<>();
    private final Map<DockerWorker, Boolean> workers = new ConcurrentHashMap<>();

    @Activate
    public DockerRuntime(DockerConfig config) {
        this.engine = new Engine(config);
    }

    @Deactivate
    void deactivate() {
        runs.keySet().forEach(DockerRun::cancel);
        workers.keySet().forEach(DockerWorker::release);
        engine.tasks.shutdown();
        try { // let cancelled runs remove their containers and report
            engine.tasks.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean available() {
        return engine.ping();
    }

    /** CPU time of every container under this runtime's cgroup parent (finished ones included). */
    @Override
    public long cpuNanos() {
        return engine.cpuNanos();
    }

    @Override
    public RunHandle start(RunSpec spec, RunListener listener) {
        Specs.id("attemptId", spec.attemptId());
        Specs.image(spec.image());
        Specs.command(spec.command(), false);
        Specs.env(spec.env());
        Specs.limits(spec.cpuMillis(), spec.memoryMb());
        Specs.inputs(spec.inputs());
        DockerRun[] self = new DockerRun[1];
        DockerRun run = new DockerRun(engine, spec, listener, () -> runs.remove(self[0]));
        self[0] = run;
        runs.put(run, Boolean.TRUE);
        engine.tasks.execute(run);
        return run;
    }

    @Override
    public WorkerSandbox reserve(WorkerSpec spec) {
        Specs.id("reservationId", spec.reservationId());
        Specs.image(spec.image());
        Specs.env(spec.env());
        Specs.limits(spec.cpuMillis(), spec.memoryMb());
        Specs.inputs(spec.inputs());
        try {
            engine.ensureImage(spec.image());
        } catch (Engine.ImageUnavailableException e) {
            throw ApiException.conflict(e.getMessage());
        }
        int memoryMb = spec.memoryMb() > 0 ? spec.memoryMb() : engine.config.defaultMemoryMb();
        InputVolume input;
        try {
            input = InputVolume.create(engine, spec.reservationId(), spec.inputs());
        } catch (IOException | RuntimeException e) {
            throw ApiException.conflict("could not put the worker's inputs into a volume of the Docker engine: " + e.getMessage());
        }
        String id = null;
        try {
            id = engine.client.createContainerCmd(spec.image()).withUser(engine.config.user())
                    .withLabels(engine.labels(spec.reservationId(), "worker"))
                    .withEnv(spec.env() == null ? List.of() : spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withCmd(engine.config.workerCommand())
                    .withHostConfig(Sandbox.hostConfig(engine.config, engine.cgroupParent(), spec.cpuMillis(), memoryMb,
                            input == null ? null : input.bind(), null, 1 << 20))
                    .exec().getId();
            engine.start(id);
        } catch (RuntimeException e) {
            if (id != null) {
                engine.remove(id);
            }
            if (input != null) {
                input.remove();
            }
            throw ApiException.conflict("could not start a worker from image " + spec.image() + ": " + e.getMessage());
        }
        DockerWorker[] self = new DockerWorker[1];
        DockerWorker worker = new DockerWorker(engine, spec.reservationId(), id, input, () -> workers.remove(self[0]));
        self[0] = worker;
        workers.put(worker, Boolean.TRUE);
        return worker;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public int cleanup() {
        return engine.cleanup();
    }
}
