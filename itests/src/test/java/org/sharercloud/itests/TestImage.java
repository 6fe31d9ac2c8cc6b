package org.sharercloud.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The offline test image {@code .ci/docker.sh} builds, and whether a test that needs it can run here. */
final class TestImage {
    static final String NAME = "sharer/busybox:test";

    private TestImage() {
    }

    /** Why the Docker engine or the test image cannot be used here, or null when they can. */
    static String missing() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("docker", "image", "inspect", NAME).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "docker image inspect did not answer within 60 s";
            }
            return p.exitValue() == 0 ? null
                    : "image " + NAME + " or the Docker engine is missing (run: sudo bash .ci/docker.sh): " + out.strip();
        } catch (IOException e) {
            return "no docker command: " + e.getMessage();
        }
    }

    /**
     * Whether a test can run: {@code why} (what is missing) null. In CI it must ({@link AssertionError} naming what it
     * {@code needs}); elsewhere it is skipped with its reason printed.
     */
    static boolean runnable(String test, String needs, String why) {
        if (why == null) {
            return true;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(test + " needs " + needs + " in CI: " + why);
        }
        System.out.println(test + " skipped: " + why);
        return false;
    }
}
