package org.sharercloud.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharercloud.api.runtime.RunListener;
import org.sharercloud.api.runtime.RunResult;

/** Records what a run reports; every wait is bounded and fails with a message. */
public final class RecordingListener implements RunListener {
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final AtomicInteger finishedCalls = new AtomicInteger();

    @Override
    public void started() {
        started.countDown();
    }

    @Override
    public void output(boolean err, String text) {
        (err ? stderr : stdout).append(text);
    }

    @Override
    public void finished(RunResult r) {
        finishedCalls.incrementAndGet();
        result.complete(r);
    }

    public void awaitStarted(int seconds) throws InterruptedException {
        if (!started.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the run did not start within " + seconds + " s; result so far: " + result.getNow(null));
        }
    }

    public RunResult awaitResult(int seconds) throws Exception {
        try {
            RunResult r = result.get(seconds, TimeUnit.SECONDS);
            assertNotNull(r);
            assertEquals("finished is called once", 1, finishedCalls.get());
            return r;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not finish within " + seconds + " s; stdout: " + stdout + " stderr: " + stderr);
        }
    }

    public boolean hasStarted() {
        return started.getCount() == 0;
    }

    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        return stderr.toString();
    }
}
