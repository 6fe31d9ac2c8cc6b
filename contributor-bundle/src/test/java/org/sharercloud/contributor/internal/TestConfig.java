package org.sharercloud.contributor.internal;

import java.util.HashMap;
import java.util.Map;

import org.sharercloud.testing.Configs;

/** The contributor's settings as a test changes them; {@link #config()} is the {@link ContributorConfig} they make. */
class TestConfig {
    String url = "http://127.0.0.1:8181";
    String token = "";
    String name = "";
    double cpuShare = 0.5;
    long memoryMb = 0;
    String hours = "0-24";
    boolean pause = true;
    double threshold = 0.6;
    String labels = "";
    String socket = "/var/run/docker.sock";
    int activeSeconds = 15;
    int idleSeconds = 30;
    double idleMargin = 0.1;
    String exclude = "";
    int retryMax = 60;
    String runtime = "docker";
    String pin = "";
    String truststore = "";

    /** The configuration, keys as in {@code etc/org.sharercloud.contributor.cfg}. */
    ContributorConfig config() {
        Map<String, Object> p = new HashMap<>();
        p.put("coordinator.url", url);
        p.put("join.token", token);
        p.put("name", name);
        p.put("max.cpu.share", cpuShare);
        p.put("max.memory.mb", memoryMb);
        p.put("sharing.hours", hours);
        p.put("pause.when.owner.active", pause);
        p.put("owner.active.threshold", threshold);
        p.put("labels", labels);
        p.put("docker.socket", socket);
        p.put("owner.active.seconds", activeSeconds);
        p.put("owner.idle.seconds", idleSeconds);
        p.put("owner.idle.margin", idleMargin);
        p.put("exclude.processes", exclude);
        p.put("retry.max.seconds", retryMax);
        p.put("runtime", runtime);
        p.put("usage.seconds", 10);
        p.put("coordinator.pin", pin);
        p.put("coordinator.truststore", truststore);
        return Configs.of(ContributorConfig.class, p);
    }
}
