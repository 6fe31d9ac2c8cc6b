package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sharercloud.runtime.internal.Configs;

/** The contributor's image policy, without an engine. */
public class ImageGateTest {
    private static DockerConfig config(Map<String, Object> values) {
        return Configs.of(DockerConfig.class, values);
    }

    @Test
    public void theContributorsListNarrows() {
        DockerConfig c = config(Map.of("allowedImages", new String[] {"busybox:1.36, python:3.12-*"}));
        assertNull(ImageGate.refusal(c, "busybox:1.36"));
        assertNull(ImageGate.refusal(c, "docker.io/library/python:3.12-slim"));
        assertTrue(ImageGate.refusal(c, "busybox:1.37").contains("not on this contributor's allow-list"));
        assertNull("an empty list leaves the coordinator's", ImageGate.refusal(config(Map.of()), "anything/at:all"));
    }

    @Test
    public void privateRegistriesAreRefusedUnlessTheImageIsAListedLocalOne() {
        DockerConfig c = config(Map.of("localImages", new String[] {"localhost:5000/mine:*"}));
        assertTrue(ImageGate.refusal(c, "localhost:5000/other:1").contains("refused"));
        assertTrue(ImageGate.refusal(c, "192.168.0.2:5000/x").contains("refused"));
        assertNull(ImageGate.refusal(c, "localhost:5000/mine:2"));
    }

    @Test
    public void anImageBuiltHereRunsOnlyWhenListed() {
        DockerConfig none = config(Map.of());
        assertTrue(ImageGate.localRefusal(none, "mine:1", List.of()).contains("exists only on this machine"));
        assertTrue(ImageGate.localRefusal(none, "mine:1", null).contains("localImages"));
        assertNull("pulled from a registry", ImageGate.localRefusal(none, "busybox:1.36", List.of("busybox@sha256:" + "a".repeat(64))));
        assertNull(ImageGate.localRefusal(config(Map.of("localImages", new String[] {"mine"})), "mine:1", List.of()));
    }

    @Test
    public void aRegistryNameResolvingToLoopbackIsRefused() {
        assertTrue(ImageGate.resolvedRefusal("localhost:5000/x:1").contains("resolves to"));
        assertEquals(null, ImageGate.resolvedRefusal("no-such-registry.invalid/x:1"));
    }
}
