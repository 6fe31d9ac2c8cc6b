package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.junit.Test;
import org.sharercloud.runtime.internal.Configs;

/** DOCKER_HOST wins over the configured address, as it does for the docker command; no engine there, not available. */
public class EngineHostTest {
    @Test
    public void theEnvironmentsDockerHostWinsWhenSet() {
        assertEquals("unix:///tmp/x.sock", Engine.host("unix:///var/run/docker.sock", "unix:///tmp/x.sock"));
        assertEquals("unix:///var/run/docker.sock", Engine.host("unix:///var/run/docker.sock", null));
        assertEquals("unix:///var/run/docker.sock", Engine.host("unix:///var/run/docker.sock", "  "));
    }

    @Test
    public void anEngineThatIsNotThereIsNotAvailable() {
        DockerConfig config = Configs.of(DockerConfig.class, Map.of("owner", "engine-host-test"));
        try (Engine engine = new Engine(config, "unix:///nonexistent/sharer-test-docker.sock")) {
            assertEquals("unix:///nonexistent/sharer-test-docker.sock", engine.dockerHost);
            assertFalse(engine.ping());
        }
    }
}
