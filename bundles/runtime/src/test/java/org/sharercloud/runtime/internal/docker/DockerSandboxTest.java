package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/** The sandbox holds: no network, read-only root, non-root without privileges, limits applied, pids capped. */
public class DockerSandboxTest {
    private static final long PIDS = 32;
    private static DockerTestSupport docker;

    @BeforeClass
    public static void engine() throws Exception {
        docker = new DockerTestSupport(Map.of("pidsLimit", PIDS));
    }

    @AfterClass
    public static void close() {
        if (docker != null) {
            docker.close();
        }
    }

    private static RecordingListener run(RunSpec spec, String expectedOutcome) throws Exception {
        RecordingListener l = new RecordingListener();
        docker.runtime.start(spec, l);
        RunResult r = l.awaitResult(60);
        assertEquals(r + " stderr: " + l.stderr(), expectedOutcome, r.outcome());
        docker.assertGone(spec.attemptId());
        return l;
    }

    @Test
    public void thereIsNoNetworkButLoopback() throws Exception {
        RecordingListener l = run(DockerTestSupport.spec(DockerTestSupport.id(), "sh", "-c",
                "ip -o link | cut -d: -f2; echo routes:$(ip route | wc -l)"), RunResult.SUCCEEDED);
        assertEquals(" lo\nroutes:0\n", l.stdout());
    }

    @Test
    public void theRootFilesystemIsReadOnlyAndTmpIsWritable() throws Exception {
        RecordingListener l = run(DockerTestSupport.spec(DockerTestSupport.id(), "sh", "-c",
                "touch /written && echo ROOT-WRITABLE; echo scratch > /tmp/t && cat /tmp/t"), RunResult.SUCCEEDED);
        assertFalse(l.stdout().contains("ROOT-WRITABLE"));
        assertTrue(l.stderr(), l.stderr().contains("Read-only file system"));
        assertTrue(l.stdout(), l.stdout().contains("scratch"));
    }

    @Test
    public void tmpIsSizeLimited() throws Exception {
        RecordingListener l = run(new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("sh", "-c",
                "head -c 100000000 /dev/zero > /tmp/big; echo rc=$?; echo size=$(wc -c < /tmp/big)"), Map.of(), 0, 256, 60, Map.of(), 0),
                RunResult.SUCCEEDED);
        Matcher m = Pattern.compile("size=(\\d+)").matcher(l.stdout());
        assertTrue(l.stdout(), m.find());
        assertTrue("a write past 64 MB is stopped: " + l.stdout(), Long.parseLong(m.group(1)) <= 64L << 20);
        assertFalse(l.stdout(), l.stdout().contains("rc=0"));
    }

    @Test
    public void theJobRunsAsNobodyWithoutCapabilitiesOrNewPrivileges() throws Exception {
        RecordingListener l = run(DockerTestSupport.spec(DockerTestSupport.id(), "sh", "-c",
                "id -u; id -g; grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status"), RunResult.SUCCEEDED);
        assertEquals("65534\n65534\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nNoNewPrivs:\t1\n", l.stdout());
    }

    @Test
    public void cpuAndMemoryLimitsAreApplied() throws Exception {
        RecordingListener l = run(new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("sh", "-c",
                "cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max"),
                Map.of(), 250, 48, 60, Map.of(), 0), RunResult.SUCCEEDED);
        assertEquals("25000\n" + (48L << 20) + "\n" + PIDS + "\n", l.stdout());
    }

    @Test
    public void forkingIsStoppedByThePidsLimit() throws Exception {
        RecordingListener l = run(DockerTestSupport.spec(DockerTestSupport.id(), "sh", "-c",
                "n=0; while [ $n -lt 500 ]; do if ! (sleep 60 &) 2>/dev/null; then echo fork-refused; break; fi; n=$((n+1)); done;"
                        + " echo started=$n"), RunResult.SUCCEEDED);
        assertTrue(l.stdout(), l.stdout().contains("fork-refused"));
        Matcher m = Pattern.compile("started=(\\d+)").matcher(l.stdout());
        assertTrue(l.stdout(), m.find());
        int started = Integer.parseInt(m.group(1));
        assertTrue("started " + started + " sleepers under a pids limit of " + PIDS, started > 0 && started < PIDS);
    }

    @Test
    public void aForkBombIsStoppedByThePidsLimitAndRemoved() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c", "b() { b | b & }; b; sleep 2"),
                Map.of(), 500, 64, 10, Map.of(), 0), l);
        RunResult r = l.awaitResult(60);
        assertTrue(r + " " + l.stderr(), l.stderr().contains("can't fork"));
        assertTrue(r.toString(), r.outcome().equals(RunResult.SUCCEEDED) || r.outcome().equals(RunResult.TIMED_OUT));
        docker.assertGone(id);
    }
}
