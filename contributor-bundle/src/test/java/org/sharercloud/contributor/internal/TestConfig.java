package org.sharercloud.contributor.internal;

import java.lang.annotation.Annotation;

/** A {@link ContributorConfig} with the defaults of the annotation, fields changeable by tests. */
@SuppressWarnings("all")
class TestConfig implements ContributorConfig {
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

    @Override public String coordinator_url() { return url; }
    @Override public String join_token() { return token; }
    @Override public String name() { return name; }
    @Override public double max_cpu_share() { return cpuShare; }
    @Override public long max_memory_mb() { return memoryMb; }
    @Override public String sharing_hours() { return hours; }
    @Override public boolean pause_when_owner_active() { return pause; }
    @Override public double owner_active_threshold() { return threshold; }
    @Override public String labels() { return labels; }
    @Override public String docker_socket() { return socket; }
    @Override public int owner_active_seconds() { return activeSeconds; }
    @Override public int owner_idle_seconds() { return idleSeconds; }
    @Override public double owner_idle_margin() { return idleMargin; }
    @Override public String exclude_processes() { return exclude; }
    @Override public int retry_max_seconds() { return retryMax; }
    @Override public String runtime() { return runtime; }
    @Override public int usage_seconds() { return 10; }
    @Override public Class<? extends Annotation> annotationType() { return ContributorConfig.class; }
}
