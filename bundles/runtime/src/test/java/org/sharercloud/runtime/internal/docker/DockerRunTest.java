package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/** Run outcomes against the real engine: success, failure, cancel, timeout, OOM, missing image. */
public class DockerRunTest {
    private static DockerTestSupport docker;

    @BeforeClass
    public static void engine() throws Exception {
        docker = new DockerTestSupport(Map.of());
    }

    @AfterClass
    public static void close() {
        if (docker != null) {
            docker.close();
        }
    }

    @Test
    public void aJobPrintsAndSucceedsAndItsOutputArrives() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(DockerTestSupport.spec(id, "sh", "-c", "echo hello from $GREETING; echo warning >&2"), l);
        RunResult r = l.awaitResult(60);
        assertTrue(l.hasStarted());
        assertEquals(r.toString(), RunResult.SUCCEEDED, r.outcome());
        assertEquals(0, r.exitCode());
        assertEquals("hello from\n", l.stdout());
        assertEquals("warning\n", l.stderr());
        docker.assertGone(id);
    }

    @Test
    public void aLastLineWithoutNewlineIsNotLost() throws Exception {
        // docker logs --follow drops a final partial line (moby/moby#43860); the runtime reads what the stream missed
        for (int i = 0; i < 8; i++) {
            String id = DockerTestSupport.id();
            RecordingListener l = new RecordingListener();
            docker.runtime.start(DockerTestSupport.spec(id, "sh", "-c", "echo first; printf 'to stderr' >&2; printf 'tail-" + i + "'"), l);
            RunResult r = l.awaitResult(60);
            assertEquals("run " + i + ": " + r, RunResult.SUCCEEDED, r.outcome());
            assertEquals("run " + i, "first\ntail-" + i, l.stdout());
            assertEquals("run " + i, "to stderr", l.stderr());
        }
    }

    @Test
    public void environmentReachesTheJob() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c", "echo $GREETING"),
                Map.of("GREETING", "bonjour"), 0, 64, 60, Map.of(), 0), l);
        assertEquals(RunResult.SUCCEEDED, l.awaitResult(60).outcome());
        assertEquals("bonjour\n", l.stdout());
    }

    @Test
    public void aFailingCommandIsFailedWithItsExitCode() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(DockerTestSupport.spec(id, "sh", "-c", "echo bye; exit 3"), l);
        RunResult r = l.awaitResult(60);
        assertEquals(RunResult.FAILED, r.outcome());
        assertEquals(3, r.exitCode());
        assertTrue(r.reason(), r.reason().contains("3"));
        docker.assertGone(id);
    }

    @Test
    public void cancelKillsTheRunAndTheContainerIsGone() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        RunHandle h = docker.runtime.start(DockerTestSupport.spec(id, "sleep", "300"), l);
        l.awaitStarted(60);
        assertEquals("the sleeper's container and its output holder exist while it runs", 2, docker.containersOf(id));
        assertEquals("its output volume exists while it runs", 1, docker.volumesOf(id));
        h.cancel();
        RunResult r = l.awaitResult(30);
        assertEquals(RunResult.CANCELLED, r.outcome());
        docker.assertGone(id);
    }

    @Test
    public void aRunPastItsWallClockLimitIsTimedOut() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sleep", "300"), Map.of(), 0, 64, 2, Map.of(), 0), l);
        RunResult r = l.awaitResult(60);
        assertEquals(RunResult.TIMED_OUT, r.outcome());
        assertTrue(r.reason(), r.reason().contains("2 s"));
        docker.assertGone(id);
    }

    @Test
    public void aMemoryHogIsReportedOomKilled() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE,
                List.of("sh", "-c", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived ${#x}"), Map.of(), 0, 16, 60, Map.of(), 0), l);
        RunResult r = l.awaitResult(60);
        assertEquals(r.toString(), RunResult.OOM_KILLED, r.outcome());
        assertFalse(l.stdout().contains("survived"));
        docker.assertGone(id);
    }

    @Test
    public void anImageFromALoopbackRegistryIsRefusedWithAClearReason() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        // refused before any pull (issue 11: no registry on loopback or private networks), so no traffic at all
        docker.runtime.start(new RunSpec(id, "127.0.0.1:1/sharer/absent:nope", List.of("true"), Map.of(), 0, 64, 60, Map.of(), 0), l);
        RunResult r = l.awaitResult(120);
        assertEquals(RunResult.FAILED, r.outcome());
        assertEquals(-1, r.exitCode());
        assertTrue(r.reason(), r.reason().contains("image 127.0.0.1:1/sharer/absent:nope is refused: registry 127.0.0.1:1 is on a "
                + "loopback or private network"));
        assertFalse(l.hasStarted());
        docker.assertGone(id);
    }

    @Test
    public void usageComesFromTheEngineStats() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE,
                List.of("sh", "-c", "timeout 3 sh -c 'while :; do :; done'; true"), Map.of(), 500, 64, 60, Map.of(), 0), l);
        RunResult r = l.awaitResult(60);
        assertEquals(RunResult.SUCCEEDED, r.outcome());
        assertTrue("CPU-seconds measured: " + r.cpuSeconds(), r.cpuSeconds() > 0);
        assertTrue("peak memory measured: " + r.peakMemoryMb(), r.peakMemoryMb() > 0);
    }

    @Test
    public void badSpecFieldsAreRefusedWithTheirName() {
        assertField("inputs", new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("true"), Map.of(), 0, 64, 60,
                Map.of("../escape", new byte[1]), 0));
        assertField("env", new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("true"), Map.of("1A", "x"), 0, 64, 60,
                Map.of(), 0));
        assertField("image", new RunSpec(DockerTestSupport.id(), "Not An Image", List.of("true"), Map.of(), 0, 64, 60, Map.of(), 0));
        assertField("attemptId", new RunSpec("a b", DockerTestSupport.IMAGE, List.of("true"), Map.of(), 0, 64, 60, Map.of(), 0));
    }

    private static void assertField(String field, RunSpec spec) {
        try {
            docker.runtime.start(spec, new RecordingListener());
            throw new AssertionError("accepted a bad " + field);
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals(field, e.field());
        }
    }
}
