package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.Assume;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.api.runtime.WorkloadRuntime;
import org.sharercloud.runtime.internal.Configs;

/**
 * A docker runtime for tests, isolated from any other user of the engine by its own owner label
 * and work folder. Skips (saying why) only when CI is not "true" and Docker is unreachable.
 */
final class DockerTestSupport {
    static final String IMAGE = "sharer/busybox:test";

    final String owner = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final Path workDir;
    final DockerRuntime runtime;

    DockerTestSupport(Map<String, Object> overrides) throws Exception {
        workDir = Files.createTempDirectory("sharer-docker-test");
        Map<String, Object> values = new HashMap<>(Map.of("owner", owner, "workDir", workDir.toString(),
                "defaultTimeoutSeconds", 120, "pidsLimit", 64L, "localImages", new String[] {IMAGE}));
        values.putAll(overrides);
        String host = System.getProperty("sharer.test.dockerHost"); // e.g. to see the skip path
        if (host != null) {
            values.put("dockerHost", host);
        }
        runtime = new DockerRuntime(Configs.of(DockerConfig.class, values));
        boolean ci = "true".equals(System.getenv("CI"));
        String problem = null;
        if (!runtime.available()) {
            problem = "the Docker engine at " + values.getOrDefault("dockerHost", "unix:///var/run/docker.sock")
                    + " does not answer (run .ci/docker.sh as root)";
        } else if (!imagePresent()) {
            problem = "the test image " + IMAGE + " is absent (run .ci/docker.sh as root)";
        }
        if (problem != null) {
            runtime.deactivate();
            if (ci) {
                throw new AssertionError(problem);
            }
            System.out.println("SKIPPED docker runtime tests: " + problem + "; CI is not \"true\"");
            Assume.assumeTrue(problem, false);
        }
    }

    private boolean imagePresent() {
        try {
            engine().client.inspectImageCmd(IMAGE).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    Engine engine() {
        return runtime.engine();
    }

    static RunSpec spec(String attemptId, String... command) {
        return new RunSpec(attemptId, IMAGE, List.of(command), Map.of(), 0, 64, 60, Map.of(), 0);
    }

    static String id() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Containers that carry this attempt id and this runtime's owner label, whatever their state. */
    int containersOf(String attemptId) {
        return engine().client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(WorkloadRuntime.LABEL_ATTEMPT, attemptId, WorkloadRuntime.LABEL_OWNER, owner))
                .exec().size();
    }

    /** Volumes that carry this attempt id and this runtime's owner label. */
    int volumesOf(String attemptId) {
        var volumes = engine().client.listVolumesCmd().withFilter("label", List.of(WorkloadRuntime.LABEL_ATTEMPT + "=" + attemptId,
                WorkloadRuntime.LABEL_OWNER + "=" + owner)).exec().getVolumes();
        return volumes == null ? 0 : volumes.size();
    }

    /** Work folders of this attempt left on the host. */
    long foldersOf(String attemptId) {
        try (var dirs = Files.list(workDir)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(attemptId + "-")).count();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot list " + workDir, e);
        }
    }

    /** Nothing of the attempt is left: no container (run or holder), no volume, no work folder. */
    void assertGone(String attemptId) {
        assertTrue("the container of " + attemptId + " is removed", containersOf(attemptId) == 0);
        assertTrue("the input and output volumes of " + attemptId + " are removed", volumesOf(attemptId) == 0);
        assertTrue("the work folder of " + attemptId + " is removed", foldersOf(attemptId) == 0);
    }

    void close() {
        runtime.cleanup();
        runtime.deactivate();
        org.sharercloud.runtime.internal.WorkDir.deleteTree(workDir);
    }
}
