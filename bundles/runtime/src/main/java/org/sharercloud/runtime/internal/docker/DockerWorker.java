package org.sharercloud.runtime.internal.docker;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkerSandbox;
import org.sharercloud.runtime.internal.CappedOutput;
import org.sharercloud.runtime.internal.Specs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/** A reserved worker: a long-lived sandbox container in which commands are executed with docker exec. */
final class DockerWorker implements WorkerSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(DockerWorker.class);

    private final Engine engine;
    private final String reservationId;
    private final String containerId;
    private final InputVolume input; // null without inputs
    private final AtomicBoolean released = new AtomicBoolean();
    private final Runnable onRelease;

    DockerWorker(Engine engine, String reservationId, String containerId, InputVolume input, Runnable onRelease) {
        this.onRelease = onRelease;
        this.engine = engine;
        this.reservationId = reservationId;
        this.containerId = containerId;
        this.input = input;
    }

    @Override
    public String reservationId() {
        return reservationId;
    }

    String containerId() {
        return containerId;
    }

    @Override
    public ExecResult exec(List<String> command, int timeoutSeconds, long maxOutputBytes) {
        Specs.command(command, true);
        if (timeoutSeconds <= 0) {
            throw ApiException.badRequest("timeoutSeconds", "timeoutSeconds must be positive");
        }
        if (released.get()) {
            throw ApiException.conflict("worker " + reservationId + " has been released");
        }
        long cap = maxOutputBytes > 0 ? maxOutputBytes : RunSpec.DEFAULT_MAX_OUTPUT_BYTES;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        CappedOutput stdout = new CappedOutput(cap, (e, t) -> out.append(t));
        CappedOutput stderr = new CappedOutput(cap, (e, t) -> err.append(t));
        String execId = engine.client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withUser(engine.config.user()).withAttachStdout(true).withAttachStderr(true).exec().getId();
        ResultCallback.Adapter<Frame> stream = engine.client.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] b = frame.getPayload();
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(false, b, 0, b.length);
            }
        });
        boolean timedOut = false;
        try {
            if (!stream.awaitCompletion(timeoutSeconds, TimeUnit.SECONDS)) {
                timedOut = true;
                killExec(execId);
                stream.awaitCompletion(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killExec(execId);
            timedOut = true;
        } finally {
            try {
                stream.close();
            } catch (java.io.IOException e) {
                // nothing to do
            }
        }
        stdout.flush();
        stderr.flush();
        Long exit = engine.client.inspectExecCmd(execId).exec().getExitCodeLong();
        return new ExecResult(exit == null || timedOut ? -1 : exit.intValue(), out.toString(), err.toString(), timedOut);
    }

    /**
     * Docker has no call to stop one exec: kill its process tree by host pid when this agent may, else
     * kill every process of the sandbox user inside the container except its init.
     */
    private void killExec(String execId) {
        InspectExecResponse exec = engine.client.inspectExecCmd(execId).exec();
        Long pid = exec.getPidLong();
        java.util.Optional<ProcessHandle> process = pid == null || pid <= 0 ? java.util.Optional.empty() : ProcessHandle.of(pid);
        if (process.isPresent()) {
            List<ProcessHandle> tree = new java.util.ArrayList<>(process.get().descendants().toList());
            tree.add(0, process.get());
            if (tree.stream().allMatch(ProcessHandle::destroyForcibly)) {
                return;
            }
        }
        try {
            String id = engine.client.execCreateCmd(containerId).withUser(engine.config.user())
                    .withCmd("kill", "-KILL", "-1").exec().getId();
            engine.client.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>()).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            LOG.warn("worker {}: could not stop a timed-out command: {}", reservationId, e.toString());
        }
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            engine.remove(containerId);
            if (input != null) {
                input.remove();
            }
            onRelease.run();
        }
    }
}
