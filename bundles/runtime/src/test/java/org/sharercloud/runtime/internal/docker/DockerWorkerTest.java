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
import org.sharercloud.api.runtime.ExecResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkerSandbox;
import org.sharercloud.api.runtime.WorkerSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.runtime.internal.Configs;
import org.sharercloud.runtime.internal.RecordingListener;

/** Reserved workers (reserve, exec, release) and the cleanup of leftovers. */
public class DockerWorkerTest {
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

    private static WorkerSandbox reserve(String id) {
        return docker.runtime.reserve(new WorkerSpec(id, DockerTestSupport.IMAGE, Map.of("WHO", "worker"), 0, 64,
                Map.of("hello.txt", "hi\n".getBytes())));
    }

    @Test
    public void reserveExecLsThenReleaseRemovesTheContainer() {
        String id = DockerTestSupport.id();
        WorkerSandbox worker = reserve(id);
        assertEquals(1, docker.containersOf(id));
        var binds = docker.engine().client.inspectContainerCmd(((DockerWorker) worker).containerId()).exec().getHostConfig().getBinds();
        assertEquals("the inputs are an engine volume, read-only, never a folder of the agent's", 1, binds.length);
        assertTrue(binds[0].toString(), binds[0].getPath().startsWith("sharer-in-" + id + "-") && binds[0].getVolume().getPath().equals("/input")
                && binds[0].getAccessMode() == com.github.dockerjava.api.model.AccessMode.ro);
        ExecResult ls = worker.exec(List.of("ls", "/"), 30, 0);
        assertEquals(0, ls.exitCode());
        assertFalse(ls.timedOut());
        assertTrue(ls.stdout(), List.of(ls.stdout().split("\n")).containsAll(List.of("bin", "etc", "input", "output", "proc", "tmp")));
        ExecResult state = worker.exec(List.of("sh", "-c", "echo kept > /tmp/f"), 30, 0);
        assertEquals(0, state.exitCode());
        ExecResult again = worker.exec(List.of("sh", "-c", "cat /tmp/f /input/hello.txt; echo $WHO; id -u; echo oops >&2; exit 4"), 30, 0);
        assertEquals(4, again.exitCode());
        assertEquals("kept\nhi\nworker\n65534\n", again.stdout());
        assertEquals("oops\n", again.stderr());
        worker.release();
        docker.assertGone(id);
        worker.release(); // idempotent
        try {
            worker.exec(List.of("true"), 5, 0);
            throw new AssertionError("exec after release was accepted");
        } catch (ApiException e) {
            assertEquals(409, e.status());
        }
    }

    @Test
    public void aCommandPastItsLimitIsKilledAndTheWorkerStaysUsable() {
        String id = DockerTestSupport.id();
        WorkerSandbox worker = reserve(id);
        try {
            ExecResult slow = worker.exec(List.of("sh", "-c", "echo before; sleep 120; echo after"), 1, 0);
            assertTrue(slow.timedOut());
            assertEquals(-1, slow.exitCode());
            assertEquals("before\n", slow.stdout());
            ExecResult ps = worker.exec(List.of("sh", "-c", "ps -o args | grep -c \"sleep 12[0]\""), 30, 0);
            assertEquals("the timed-out command is gone", "0\n", ps.stdout());
            ExecResult big = worker.exec(List.of("sh", "-c", "yes | head -c 5000"), 30, 100);
            assertEquals("y\n".repeat(50) + RunSpec.TRUNCATION_MARKER, big.stdout());
        } finally {
            worker.release();
        }
    }

    @Test
    public void badExecAndReserveRequestsAreRefused() {
        try {
            docker.runtime.reserve(new WorkerSpec("bad id", DockerTestSupport.IMAGE, Map.of(), 0, 64, Map.of()));
            throw new AssertionError("accepted a bad reservation id");
        } catch (ApiException e) {
            assertEquals("reservationId", e.field());
        }
        WorkerSandbox worker = reserve(DockerTestSupport.id());
        try {
            worker.exec(List.of(), 5, 0);
            throw new AssertionError("accepted an empty command");
        } catch (ApiException e) {
            assertEquals("command", e.field());
        } finally {
            worker.release();
        }
    }

    @Test
    public void cleanupRemovesLeftoversOfAnEarlierAgent() throws Exception {
        String owner = "test-leftovers-" + DockerTestSupport.id();
        DockerTestSupport earlier = new DockerTestSupport(Map.of("owner", owner));
        String runId = DockerTestSupport.id();
        String workerId = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        earlier.runtime.start(DockerTestSupport.spec(runId, "sleep", "300"), l);
        l.awaitStarted(60);
        earlier.runtime.reserve(new WorkerSpec(workerId, DockerTestSupport.IMAGE, Map.of(), 0, 64, Map.of()));
        String stopped = earlier.engine().client.createContainerCmd(DockerTestSupport.IMAGE)
                .withLabels(Map.of(WorkloadRuntime.LABEL_OWNER, owner, WorkloadRuntime.LABEL_ATTEMPT, "never-started")).exec().getId();
        // the agent dies without stopping anything; the next one starts with the same owner
        DockerRuntime next = new DockerRuntime(Configs.of(DockerConfig.class, Map.of("owner", owner, "workDir", earlier.workDir.toString())));
        try {
            assertEquals("the run, its output holder, the worker and the stopped one", 4, next.cleanup());
            assertEquals("the run's output volume is removed", 0, earlier.volumesOf(runId));
            assertEquals(0, earlier.containersOf(runId) + earlier.containersOf(workerId) + earlier.containersOf("never-started"));
            assertTrue(docker.engine().client.listContainersCmd().withShowAll(true).exec().stream().noneMatch(c -> c.getId().equals(stopped)));
            // `earlier` still has live threads (a dead agent has none): its run thread may react once to the removal of
            // its container (reading outputs through a fresh holder) before it notices; what it leaves goes too
            int again = next.cleanup();
            for (int i = 0; i < 3 && again > 0; i++) {
                Thread.sleep(1000);
                again = next.cleanup();
            }
            assertEquals("nothing left after cleaning up again", 0, again);
        } finally {
            next.deactivate();
            earlier.close();
        }
    }
}
