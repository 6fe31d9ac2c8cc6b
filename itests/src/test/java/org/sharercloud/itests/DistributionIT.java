package org.sharercloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * The two distributions as real processes, offline: the coordinator boots from its own system/
 * folder with no Maven repository reachable and answers health; a restart keeps its admin token;
 * the contributor listens on nothing reachable from outside the machine.
 */
public class DistributionIT {
    private static final Path WORK = Path.of("target", "dist").toAbsolutePath();

    @Test
    public void coordinatorBootsOfflineAndKeepsItsStateAcrossARestart() throws Exception {
        try (Distribution coord = Distribution.unpack(Distribution.coordinatorTarGz(), WORK, "coordinator-offline")) {
            coord.offline().config("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "18281")
                    .config("org.apache.karaf.shell.cfg", "sshPort", "18201");
            coord.start();
            Http http = new Http(18281);
            Wait.until(120_000, "offline coordinator health 200", () -> http.get("/api/v1/health", null).status() == 200,
                    () -> http.get("/api/v1/health", null).body());
            assertFalse("nothing downloaded", coord.log().contains("Error downloading"));
            String token = Files.readString(coord.home().resolve("data/sharer/admin.token")).strip();
            assertEquals(201, http.post("/api/v1/tokens", token, "{\"name\":\"before-restart\"}").status());
            List<String> ports = coord.listening();
            assertTrue("SSH on loopback only: " + ports, ports.stream().filter(p -> p.endsWith(":18201")).allMatch(p -> p.startsWith("127.0.0.1")
                    || p.startsWith("[::ffff:127.0.0.1]")));

            coord.stop();
            coord.start();
            Wait.until(120_000, "coordinator health 200 after restart", () -> http.get("/api/v1/health", null).status() == 200);
            assertEquals("the admin token survives a restart", 201, http.post("/api/v1/tokens", token, "{\"name\":\"after-restart\"}").status());
            assertEquals("the token file is not rewritten", token, Files.readString(coord.home().resolve("data/sharer/admin.token")).strip());
        }
    }

    @Test
    public void adminTokenFromTheEnvironmentIsUsedAtFirstStart() throws Exception {
        String chosen = "sc_admin_chosen_by_the_operator_0123456789";
        try (Distribution coord = Distribution.unpack(Distribution.coordinatorTarGz(), WORK, "coordinator-env-token")) {
            coord.offline().env("SHARER_ADMIN_TOKEN", chosen)
                    .config("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "18282")
                    .config("org.apache.karaf.shell.cfg", "sshPort", "18202");
            coord.start();
            Http http = new Http(18282);
            Wait.until(120_000, "coordinator health 200", () -> http.get("/api/v1/health", null).status() == 200);
            assertEquals(201, http.post("/api/v1/tokens", chosen, "{\"name\":\"x\"}").status());
            assertEquals(chosen, Files.readString(coord.home().resolve("data/sharer/admin.token")).strip());
        }
    }

    @Test
    public void contributorBootsOfflineAndListensOnNothingOutsideTheMachine() throws Exception {
        try (Distribution contrib = Distribution.unpack(Distribution.contributorTarGz(), WORK, "contributor-offline")) {
            contrib.offline().config("org.sharercloud.contributor.cfg", "coordinator.url", "http://127.0.0.1:1");
            contrib.start();
            Wait.until(60_000, "contributor JVM running", () -> contrib.pid() > 0);
            Wait.until(60_000, "contributor bundle started", () -> {
                try {
                    return contrib.log().contains("org.sharercloud.contributor");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            List<String> ports = contrib.listening();
            for (String p : ports) {
                assertTrue("contributor listens only on loopback: " + ports, p.startsWith("127.0.0.1:") || p.startsWith("[::ffff:127.0.0.1]:")
                        || p.startsWith("[::1]:"));
            }
            assertFalse("no SSH console by default", ports.stream().anyMatch(p -> p.endsWith(":8101")));
            assertFalse("no HTTP server", ports.stream().anyMatch(p -> p.endsWith(":8181")));
        }
    }
}
