package org.sharercloud.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.SharerModule;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One view of the coordinator's health, shared by {@code GET /api/v1/health} and
 * {@code sharer:status} so they cannot disagree. A module is UP while its main component registers the
 * {@link SharerModule} service with its name; a stopped bundle (or a component missing a mandatory dependency)
 * leaves no service and shows as DOWN.
 */
@Component(service = Health.class)
public class Health {
    /** Overall status and per-module states in display order. */
    @Schema(name = "Health")
    public record Report(String status, String version, Map<String, String> modules) {
        public boolean up() {
            return "UP".equals(status);
        }
    }

    private final Services services;
    private final String version;

    @Activate
    public Health(@Reference Services services) {
        this.services = services;
        this.version = readVersion();
    }

    public Report report() {
        java.util.Set<String> running = services.modules();
        Map<String, String> states = new LinkedHashMap<>();
        boolean allUp = true;
        for (String name : SharerModule.COORDINATOR_MODULES) {
            boolean up = running.contains(name);
            states.put(name, up ? "UP" : "DOWN");
            allUp &= up;
        }
        return new Report(allUp ? "UP" : "DEGRADED", version, states);
    }

    public String version() {
        return version;
    }

    static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = Health.class.getResourceAsStream("/org/sharercloud/portal/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to unknown
        }
        return p.getProperty("version", "unknown");
    }
}
