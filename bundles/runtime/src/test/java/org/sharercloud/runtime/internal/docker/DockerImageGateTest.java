package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/** The contributor's image policy on the real engine: local-only images, its own allow-list, private registries. */
public class DockerImageGateTest {
    private static RunResult run(Map<String, Object> config, String image) throws Exception {
        DockerTestSupport docker = new DockerTestSupport(config);
        try {
            String id = DockerTestSupport.id();
            RecordingListener l = new RecordingListener();
            docker.runtime.start(new RunSpec(id, image, List.of("true"), Map.of(), 0, 64, 30, Map.of(), 0), l);
            RunResult r = l.awaitResult(60);
            docker.assertGone(id);
            return r;
        } finally {
            docker.close();
        }
    }

    @Test
    public void anImageThatExistsOnlyOnThisMachineIsRefusedUnlessTheOwnerListsIt() throws Exception {
        RunResult r = run(Map.of("localImages", new String[0]), DockerTestSupport.IMAGE);
        assertEquals(RunResult.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("exists only on this machine"));
        assertEquals(RunResult.SUCCEEDED, run(Map.of("localImages", new String[] {"sharer/busybox:*"}), DockerTestSupport.IMAGE).outcome());
    }

    @Test
    public void theContributorsAllowListNarrowsWhatRuns() throws Exception {
        RunResult r = run(Map.of("allowedImages", new String[] {"busybox:1.36, python:3.12-*"}), DockerTestSupport.IMAGE);
        assertEquals(RunResult.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("not on this contributor's allow-list"));
    }

    @Test
    public void registriesOnLoopbackOrPrivateNetworksAreNeverPulledFrom() throws Exception {
        for (String image : new String[] {"localhost:5000/x:1", "127.0.0.1:5000/x:1", "10.0.0.1/x:1", "169.254.169.254/x:1"}) {
            RunResult r = run(Map.of(), image);
            assertEquals(image, RunResult.FAILED, r.outcome());
            assertTrue(r.reason(), r.reason().contains("loopback or private") || r.reason().contains("local network"));
        }
    }
}
