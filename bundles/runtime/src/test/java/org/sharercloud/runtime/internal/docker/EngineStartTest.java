package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Starting a container the engine already started is a success (the engine's "already running" answer to a start it
 * did carry out once failed a fresh-clone CI run); starting one that cannot start still fails. Through the real engine.
 */
public class EngineStartTest {
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

    private String create(String attemptId, String... cmd) {
        Engine engine = docker.engine();
        return engine.client.createContainerCmd(DockerTestSupport.IMAGE).withCmd(List.of(cmd))
                .withLabels(engine.labels(attemptId, "worker"))
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
    }

    @Test
    public void aSecondStartOfARunningContainerIsASuccess() {
        Engine engine = docker.engine();
        String id = create(DockerTestSupport.id(), "sleep", "30");
        try {
            engine.start(id);
            engine.start(id); // the engine answers 304 "already started"
            assertTrue("the container runs", engine.client.inspectContainerCmd(id).exec().getState().getRunning());
        } finally {
            engine.remove(id);
        }
    }

    @Test
    public void aContainerThatCannotStartStillFails() {
        Engine engine = docker.engine();
        String id = create(DockerTestSupport.id(), "/no/such/program");
        try {
            engine.start(id);
            fail("a container whose program is missing must not count as started");
        } catch (RuntimeException expected) {
            assertTrue(expected.toString(), expected.getMessage() != null && !expected.getMessage().isBlank());
            assertEquals("never ran", Boolean.FALSE, engine.client.inspectContainerCmd(id).exec().getState().getRunning());
        } finally {
            engine.remove(id);
        }
    }
}
