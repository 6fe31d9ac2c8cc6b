package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/** Containers run under the runtime's cgroup parent, and its CPU counter grows with what they burn (real engine). */
public class DockerCgroupTest {
    private static final String PARENT = "/sharer-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static DockerTestSupport docker;

    @BeforeClass
    public static void engine() throws Exception {
        docker = new DockerTestSupport(Map.of("cgroupParent", PARENT));
    }

    @AfterClass
    public static void close() throws IOException {
        if (docker != null) {
            docker.close();
        }
        Path root = Path.of("/sys/fs/cgroup");
        if (Files.isDirectory(root)) { // the empty test parent, in each v1 hierarchy or once on v2
            try (Stream<Path> hierarchies = Files.list(root)) {
                for (Path h : (Iterable<Path>) hierarchies::iterator) {
                    Files.deleteIfExists(h.resolve(PARENT.substring(1)));
                }
            } catch (IOException e) {
                // best effort
            }
            Files.deleteIfExists(root.resolve(PARENT.substring(1)));
        }
    }

    @Test
    public void aBusyContainerRunsUnderTheParentAndItsCpuIsCounted() throws Exception {
        long before = docker.runtime.cpuNanos();
        assertTrue("a local engine on Linux has a measurable parent: " + before, before >= 0);
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE,
                List.of("sh", "-c", "cat /proc/self/cgroup; timeout 2 sh -c 'while :; do :; done'; true"), Map.of(), 500, 64, 60, Map.of(), 0), l);
        RunResult r = l.awaitResult(60);
        assertEquals(r.toString(), RunResult.SUCCEEDED, r.outcome());
        assertTrue(l.stdout(), l.stdout().contains(":" + PARENT + "/") || l.stdout().contains("/" + PARENT.substring(1) + "/"));
        long used = docker.runtime.cpuNanos() - before;
        assertTrue("the container burnt ~1 CPU-second at 500m for 2 s; counted " + used / 1e9 + " s (engine: " + r.cpuSeconds() + " s)",
                used >= 300_000_000L && used >= (long) (r.cpuSeconds() * 0.5e9));
        docker.assertGone(id);
    }

    @Test
    public void withoutConfigurationTheParentFollowsTheEngineDriver() throws Exception {
        DockerTestSupport auto = new DockerTestSupport(Map.of());
        try {
            String driver = auto.engine().client.infoCmd().exec().getCGroupDriver();
            assertEquals("systemd".equals(driver) ? "sharer.slice" : "/sharer", auto.engine().cgroupParent());
            DockerTestSupport none = new DockerTestSupport(Map.of("cgroupParent", "none"));
            try {
                assertEquals(null, none.engine().cgroupParent());
                assertEquals("the engine's default cgroup cannot be measured apart", -1, none.runtime.cpuNanos());
            } finally {
                none.close();
            }
        } finally {
            auto.close();
        }
    }
}
