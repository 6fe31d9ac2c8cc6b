package org.sharercloud.workloads.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.sharercloud.api.ApiException;

/** The coordinator's image allow-list and the refusal of private registries. */
public class ImagePolicyTest {
    private static final String[] ALLOWED = {"busybox:1.36", "python:3.12-*", "ghcr.io/myorg/*", "alpine",
            "docker.io/library/redis@sha256:" + "a".repeat(64)};

    private static String refused(String image, String[] allowed) {
        try {
            ImagePolicy.check(image, allowed, "image");
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertEquals("image", e.field());
            return e.getMessage();
        }
        fail(image + " was accepted");
        return null;
    }

    @Test
    public void imagesMatchingAPatternOrDigestPass() {
        for (String ok : new String[] {"busybox:1.36", "docker.io/library/busybox:1.36", "python:3.12-slim", "ghcr.io/myorg/app:2",
                "alpine", "alpine:3.20", "redis@sha256:" + "a".repeat(64)}) {
            assertEquals(ok, ImagePolicy.check(ok, ALLOWED, "image"));
        }
    }

    @Test
    public void othersAreRefusedNamingTheList() {
        for (String bad : new String[] {"busybox:latest", "busybox", "python:3.11", "ghcr.io/other/app:1", "evil/alpine",
                "redis:7", "redis@sha256:" + "b".repeat(64)}) {
            assertTrue(refused(bad, ALLOWED), refused(bad, ALLOWED).contains("not on this coordinator's allow-list"));
        }
        refused("busybox", new String[0]);
        assertEquals("a .cfg line of several patterns", "python:3.12-slim",
                ImagePolicy.check("python:3.12-slim", new String[] {"busybox:1.36, python:3.12-*"}, "image"));
    }

    @Test
    public void registriesOnLoopbackOrPrivateNetworksAreRefusedEvenWhenAllowed() {
        String[] all = {"*"};
        for (String bad : new String[] {"localhost:5000/x", "127.0.0.1:5000/x", "10.1.2.3/x:1", "192.168.1.10:443/a/b", "172.16.0.1/x",
                "169.254.169.254/latest", "[::1]:5000/x", "[fd00::1]/x", "2130706433:5000/x", "0x7f000001:80/x", "registry.local/x",
                "100.64.0.1/x"}) {
            assertTrue(bad, refused(bad, all).contains("refused"));
        }
        assertEquals("ghcr.io/a/b:1", ImagePolicy.check("ghcr.io/a/b:1", all, "image"));
        assertEquals("8.8.8.8:5000/a", ImagePolicy.check("8.8.8.8:5000/a", all, "image"));
    }
}
