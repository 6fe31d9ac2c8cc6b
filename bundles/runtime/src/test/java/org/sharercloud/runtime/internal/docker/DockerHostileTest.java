package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/**
 * Hostile workloads through the real docker runtime (issue 11, "the sandbox, attacked"): each is contained, the
 * result says what happened, and nothing of the run is left (container, holder, volume, work folder). The network,
 * read-only root, fork bomb, /tmp filler and memory hog are in {@link DockerSandboxTest} and {@link DockerRunTest},
 * whose runs are checked for leftovers the same way.
 */
public class DockerHostileTest {
    private static final long CAP = 2L << 20;
    private static DockerTestSupport docker;

    @BeforeClass
    public static void engine() throws Exception {
        docker = new DockerTestSupport(Map.of("maxOutputFilesBytes", CAP, "maxOutputFiles", 200L, "stopGraceSeconds", 2));
    }

    @AfterClass
    public static void close() {
        if (docker != null) {
            docker.close();
        }
    }

    private static RecordingListener start(String script, int timeoutSeconds) {
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("sh", "-c", script), Map.of(), 0, 64,
                timeoutSeconds, Map.of(), 0), l);
        return l;
    }

    private static RunResult finish(RecordingListener l) throws Exception {
        RunResult r = l.awaitResult(90);
        return r;
    }

    @Test
    public void anUnreadableFolderDoesNotHideOutputsPastTheCap() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "mkdir /output/d && chmod 700 /output/d && dd if=/dev/zero of=/output/d/big bs=1M count=100; echo dd=$?;"
                        + " chmod 000 /output/d; echo written"), Map.of(), 0, 64, 60, Map.of(), 0), l);
        RunResult r = finish(l);
        assertEquals(r + " " + l.stderr(), RunResult.FAILED, r.outcome());
        assertTrue("the kernel stopped the write: " + l.stderr(), l.stderr().contains("No space left on device"));
        assertTrue(l.stdout(), l.stdout().contains("written"));
        assertTrue(r.reason(), r.reason().contains("over the cap of " + CAP + " bytes"));
        assertNull("nothing over the cap is shipped", r.outputs());
        docker.assertGone(id);
    }

    @Test
    public void manySmallFilesHitTheFileCountCap() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "i=0; while [ $i -lt 1000 ]; do : > /output/f$i || break; i=$((i+1)); done; echo made=$i"), Map.of(), 0, 64, 60, Map.of(), 0), l);
        RunResult r = finish(l);
        assertEquals(r + " " + l.stderr(), RunResult.FAILED, r.outcome());
        assertFalse("the kernel refused files past the count cap: " + l.stdout(), l.stdout().contains("made=1000"));
        assertTrue(r.reason(), r.reason().contains("filled the /output volume"));
        docker.assertGone(id);
    }

    @Test
    public void outputsUnderTheCapArriveEvenFromAnUnreadableFolder() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "mkdir /output/d && head -c 1000000 /dev/zero > /output/d/f && chmod 000 /output/d/f /output/d"), Map.of(), 0, 64, 60,
                Map.of(), 0), l);
        RunResult r = finish(l);
        assertEquals(r + " " + l.stderr(), RunResult.SUCCEEDED, r.outcome());
        assertNotNull(r.outputs());
        assertTrue("the archive holds the megabyte: " + r.outputs().length, r.outputs().length > 1_000_000);
        docker.assertGone(id);
    }

    @Test
    public void theDockerSocketHostProcessesAndKernelSecretsAreOutOfReach() throws Exception {
        RecordingListener l = start("ls -l /var/run/docker.sock /run/docker.sock 2>&1 | grep -c 'No such file';"
                + " echo kcore=$(head -c 16 /proc/kcore 2>/dev/null | wc -c); echo keys=$(cat /proc/keys 2>/dev/null | wc -c);"
                + " echo procs=$(ls /proc | grep -c '^[0-9]');"
                + " echo 1 > /proc/sys/kernel/sysrq 2>/dev/null && echo SYSCTL-WRITABLE;"
                + " echo b > /proc/sysrq-trigger 2>/dev/null && echo SYSRQ-WRITABLE;"
                + " cat /etc/shadow 2>/dev/null | grep -q root && echo SHADOW-READABLE; echo env=$(env | grep -ci docker)", 60);
        RunResult r = finish(l);
        assertEquals(r + " " + l.stderr(), RunResult.SUCCEEDED, r.outcome());
        String out = l.stdout();
        assertTrue("no engine socket in the container: " + out, out.startsWith("2\n"));
        assertTrue("/proc/kcore is masked: " + out, out.contains("kcore=0\n"));
        assertTrue("/proc/keys is masked: " + out, out.contains("keys=0\n"));
        int procs = Integer.parseInt(out.replaceAll("(?s).*procs=(\\d+).*", "$1"));
        assertTrue("only the container's own processes are visible: " + out, procs < 8);
        assertFalse(out, out.contains("WRITABLE"));
        assertFalse(out, out.contains("SHADOW-READABLE"));
        assertTrue("the agent's environment does not reach the job: " + out, out.contains("env=0\n"));
    }

    @Test
    public void aRunIgnoringSigtermIsKilledAfterTheGracePeriodOnCancel() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        var handle = docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "trap 'echo got-term' TERM; echo ready; while :; do sleep 1; done"), Map.of(), 0, 64, 120, Map.of(), 0), l);
        l.awaitStarted(60);
        for (int i = 0; i < 100 && !l.stdout().contains("ready"); i++) {
            Thread.sleep(100);
        }
        assertTrue("the run printed ready: " + l.stdout(), l.stdout().contains("ready"));
        handle.cancel();
        RunResult r = finish(l);
        assertEquals(r.toString(), RunResult.CANCELLED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("ignored SIGTERM and was killed after 2 s"));
        docker.assertGone(id);
    }

    @Test
    public void aRunThatStopsOnSigtermIsNotReportedAsKilled() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        var handle = docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "echo ready; exec sleep 600"), Map.of(), 0, 64, 120, Map.of(), 0), l);
        l.awaitStarted(60);
        for (int i = 0; i < 100 && !l.stdout().contains("ready"); i++) {
            Thread.sleep(100);
        }
        handle.cancel();
        RunResult r = finish(l);
        assertEquals(r.toString(), RunResult.CANCELLED, r.outcome());
        assertFalse(r.reason(), r.reason().contains("ignored SIGTERM"));
        docker.assertGone(id);
    }

    @Test
    public void anOutputFloodIsCappedAndTheRunStillEnds() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c", "yes flood | head -c 20000000; echo end"),
                Map.of(), 0, 64, 60, Map.of(), 5000), l);
        RunResult r = finish(l);
        assertEquals(r + "", RunResult.SUCCEEDED, r.outcome());
        String kept = (l.stdout() + l.stderr()).replace(RunSpec.TRUNCATION_MARKER, "");
        assertTrue("at most the cap is kept: " + kept.length(), kept.length() <= 5000);
        docker.assertGone(id);
    }
}
