package org.sharercloud.contributor.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkerSandbox;
import org.sharercloud.api.runtime.WorkerSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;

/** A runtime that runs nothing: it records what it is asked and lets the test play the run's listener. */
final class FakeRuntime implements WorkloadRuntime {
    final String name;
    volatile boolean available = true;
    volatile String refuseImage;
    final AtomicInteger cleanups = new AtomicInteger();
    final List<RunSpec> specs = new CopyOnWriteArrayList<>();
    final Map<String, RunListener> listeners = new ConcurrentHashMap<>();
    final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    final List<WorkerSpec> reserved = new CopyOnWriteArrayList<>();
    final List<List<String>> execs = new CopyOnWriteArrayList<>();
    final Set<String> released = ConcurrentHashMap.newKeySet();
    /** What was done to it, in order: "cleanup", "start ATTEMPT". */
    final List<String> calls = new CopyOnWriteArrayList<>();

    FakeRuntime(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public RunHandle start(RunSpec spec, RunListener listener) {
        if (spec.image().equals(refuseImage)) {
            throw ApiException.conflict("image " + spec.image() + " is not present and no registry is reachable");
        }
        specs.add(spec);
        calls.add("start " + spec.attemptId());
        listeners.put(spec.attemptId(), listener);
        return () -> {
            if (cancelled.add(spec.attemptId())) {
                listener.finished(new RunResult(137, RunResult.CANCELLED, "cancelled", 0.5, 12, null));
            }
        };
    }

    @Override
    public WorkerSandbox reserve(WorkerSpec spec) {
        reserved.add(spec);
        return new WorkerSandbox() {
            @Override
            public String reservationId() {
                return spec.reservationId();
            }

            @Override
            public ExecResult exec(List<String> command, int timeoutSeconds, long maxOutputBytes) {
                execs.add(command);
                return new ExecResult(0, "bin\netc\ninput\n", "", false);
            }

            @Override
            public void release() {
                released.add(spec.reservationId());
            }
        };
    }

    @Override
    public int cleanup() {
        cleanups.incrementAndGet();
        calls.add("cleanup");
        return 0;
    }
}
