package org.sharercloud.runtime.internal.docker;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.CappedOutput;
import org.sharercloud.runtime.internal.Termination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/**
 * One attempt in one container: image, create, start, stream output, wait, collect outputs and
 * usage, remove; the listener hears {@code finished} only once the container is gone.
 */
final class DockerRun implements RunHandle, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerRun.class);

    private final Engine engine;
    private final RunSpec spec;
    private final RunListener listener;
    private final int memoryMb;
    private final int timeoutSeconds;
    private final Termination termination = new Termination();
    private final Runnable done;
    private volatile String containerId;

    DockerRun(Engine engine, RunSpec spec, RunListener listener, Runnable done) {
        this.engine = engine;
        this.done = done;
        this.spec = spec;
        this.listener = listener;
        this.memoryMb = spec.memoryMb() > 0 ? spec.memoryMb() : engine.config.defaultMemoryMb();
        this.timeoutSeconds = spec.timeoutSeconds() > 0 ? spec.timeoutSeconds() : engine.config.defaultTimeoutSeconds();
    }

    @Override
    public void cancel() {
        if (termination.request(RunResult.CANCELLED, "cancelled") && containerId != null) {
            stop();
        }
    }

    /**
     * SIGTERM, SIGKILL after the grace period, on a task thread (neither the caller nor the shared timer waits for the
     * grace period); a plain kill when the runtime is shutting down.
     */
    private void stop() {
        String id = containerId;
        if (id == null) {
            return;
        }
        try {
            engine.tasks.execute(() -> engine.stop(id, engine.config.stopGraceSeconds()));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            engine.kill(id);
        }
    }

    @Override
    public void run() {
        RunResult result;
        InputVolume input = null;
        OutputVolume output = null;
        try {
            engine.ensureImage(spec.image());
            input = InputVolume.create(engine, spec.attemptId(), spec.inputs());
            long outputCap = engine.config.maxOutputFilesBytes();
            output = new OutputVolume(engine, spec.attemptId(), outputCap);
            output.create();
            result = execute(input, output);
        } catch (Engine.ImageUnavailableException e) {
            result = Termination.notStarted(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Termination.notStarted("the runtime stopped during the run");
        } catch (IOException | RuntimeException e) {
            LOG.warn("attempt {} failed in the runtime", spec.attemptId(), e);
            result = Termination.notStarted("runtime error: " + e);
        } finally {
            termination.disarm();
            if (containerId != null) {
                engine.remove(containerId);
            }
            if (output != null) {
                output.remove();
            }
            if (input != null) {
                input.remove();
            }
        }
        if (termination.requested() && result.exitCode() == -1) {
            result = termination.result(-1, false, memoryMb, 0, 0, null, null); // cancelled before it started
        }
        done.run();
        listener.finished(result);
    }

    private RunResult execute(InputVolume input, OutputVolume volume) throws InterruptedException {
        long outputCap = spec.maxOutputBytes() > 0 ? spec.maxOutputBytes() : RunSpec.DEFAULT_MAX_OUTPUT_BYTES;
        CreateContainerCmd create = engine.client.createContainerCmd(spec.image())
                .withUser(engine.config.user())
                .withLabels(engine.labels(spec.attemptId(), "run"))
                .withEnv(spec.env() == null ? List.of() : spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(Sandbox.hostConfig(engine.config, engine.cgroupParent(), spec.cpuMillis(), memoryMb,
                        input == null ? null : input.bind(), volume.bind(),
                        outputCap));
        if (spec.command() != null && !spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        if (termination.requested()) {
            return Termination.notStarted("cancelled");
        }
        containerId = create.exec().getId();
        if (termination.requested()) {
            return Termination.notStarted("cancelled");
        }
        engine.start(containerId);
        termination.arm(engine.timers, timeoutSeconds, this::stop, null, 0, null);
        if (termination.requested()) { // a cancel that raced with the start
            stop();
        }
        listener.started();
        UsageStats usage = engine.client.statsCmd(containerId).exec(new UsageStats(listener));
        CappedOutput output = new CappedOutput(outputCap, listener::output);
        long[] seen = new long[2]; // bytes received per stream (stdout, stderr), guarded by itself
        ResultCallback.Adapter<Frame> logs = engine.client.logContainerCmd(containerId).withFollowStream(true)
                .withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        boolean stderr = frame.getStreamType() == StreamType.STDERR;
                        byte[] b = frame.getPayload();
                        synchronized (seen) {
                            seen[stderr ? 1 : 0] += b.length;
                            output.accept(stderr, b, 0, b.length);
                        }
                    }
                });
        int exitCode = engine.client.waitContainerCmd(containerId).start().awaitStatusCode();
        termination.disarm();
        if (!logs.awaitCompletion(10, TimeUnit.SECONDS)) {
            LOG.warn("attempt {}: the log stream did not end 10 s after the container", spec.attemptId());
        }
        close(logs);
        close(usage);
        if (!output.truncated()) {
            catchUp(output, seen);
        }
        output.flush();
        InspectContainerResponse.ContainerState state = engine.client.inspectContainerCmd(containerId).exec().getState();
        boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
        if (termination.requested() && exitCode == 137 && !oom) { // SIGKILL of the init after the grace period
            termination.amend("it ignored SIGTERM and was killed after " + engine.config.stopGraceSeconds() + " s");
        }
        byte[] outputs = null;
        String outputsProblem = null;
        try {
            outputs = volume.collect();
        } catch (IOException e) {
            outputsProblem = e.getMessage();
        }
        return termination.result(exitCode, oom, memoryMb, usage.cpuSeconds(), usage.peakMemoryMb(), outputs, outputsProblem);
    }

    /**
     * A followed log stream can end before the engine wrote a last line that has no newline (moby/moby#43860), so
     * once the container is gone the log is read again, without following, and whatever the stream missed is
     * forwarded. Only done while the output is under its cap, which also bounds what this read returns.
     */
    private void catchUp(CappedOutput output, long[] seen) throws InterruptedException {
        long[] skip;
        synchronized (seen) {
            skip = seen.clone();
        }
        ResultCallback.Adapter<Frame> rest = engine.client.logContainerCmd(containerId).withFollowStream(false)
                .withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        int i = frame.getStreamType() == StreamType.STDERR ? 1 : 0;
                        byte[] b = frame.getPayload();
                        int from = (int) Math.min(b.length, skip[i]);
                        skip[i] -= from;
                        if (from < b.length) {
                            output.accept(i == 1, b, from, b.length - from);
                        }
                    }
                });
        if (!rest.awaitCompletion(10, TimeUnit.SECONDS)) {
            LOG.warn("attempt {}: reading the end of the log took over 10 s; it may be incomplete", spec.attemptId());
        }
        close(rest);
    }

    private static void close(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
