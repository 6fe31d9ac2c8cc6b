package org.sharercloud.contributor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code org.sharercloud.contributor} ({@code etc/org.sharercloud.contributor.cfg}).
 * The environment variables {@code SHARER_COORDINATOR_URL}, {@code SHARER_COORDINATOR_PIN} and {@code SHARER_JOIN_TOKEN}
 * override {@code coordinator.url}, {@code coordinator.pin} and {@code join.token}.
 */
@ObjectClassDefinition(name = "Sharer Cloud contributor agent",
        description = "Where the agent dials out to, and what the owner of this machine shares")
public @interface ContributorConfig {
    /** The PID. */
    String PID = "org.sharercloud.contributor";

    @AttributeDefinition(description = "The coordinator's base URL, e.g. https://coordinator.example:8181")
    String coordinator_url() default "http://127.0.0.1:8181";

    @AttributeDefinition(description = "SHA-256 fingerprints (64 hex digits, colons allowed, comma-separated) of the coordinator's "
            + "certificate or of its public key; when set, an https coordinator is accepted only with a matching certificate "
            + "(a self-signed one needs nothing else). The environment variable SHARER_COORDINATOR_PIN wins when set")
    String coordinator_pin() default "";

    @AttributeDefinition(description = "A PKCS12 or PEM file of the certificates (CAs) an https coordinator's certificate must chain "
            + "to, instead of the JDK's trust store; relative to the Karaf base directory")
    String coordinator_truststore() default "";

    @AttributeDefinition(description = "Password of a PKCS12 coordinator.truststore (empty for none or PEM)", type = AttributeType.PASSWORD)
    String coordinator_truststore_password() default "";

    @AttributeDefinition(description = "Join token minted by the coordinator's admin", type = AttributeType.PASSWORD)
    String join_token() default "";

    @AttributeDefinition(description = "Name shown in the cluster; empty means the host name")
    String name() default "";

    @AttributeDefinition(description = "Fraction of the cores workloads may use (0..1)")
    double max_cpu_share() default 0.5;

    @AttributeDefinition(description = "Memory workloads may use, in MB; 0 means half the machine's memory")
    long max_memory_mb() default 0;

    @AttributeDefinition(description = "Local hours when sharing is allowed, e.g. 0-24 or 22-7")
    String sharing_hours() default "0-24";

    @AttributeDefinition(description = "Stop taking work while the owner's own processes are busy")
    boolean pause_when_owner_active() default true;

    @AttributeDefinition(description = "Owner CPU load (0..1) above which the owner counts as active")
    double owner_active_threshold() default 0.6;

    @AttributeDefinition(description = "Seconds the owner's load must stay above the threshold before sharing pauses (0..3600)")
    int owner_active_seconds() default 15;

    @AttributeDefinition(description = "Seconds the owner's load must stay at or below threshold minus margin before sharing resumes (0..3600)")
    int owner_idle_seconds() default 30;

    @AttributeDefinition(description = "How far below the threshold the owner's load must fall to count as idle again (0 <= margin < threshold)")
    double owner_idle_margin() default 0.1;

    @AttributeDefinition(description = "Processes whose CPU is ours, not the owner's (e.g. a coordinator on this machine): pids, pid files "
            + "(absolute paths), cgroup:PATH, or text their command line contains, separated by commas")
    String exclude_processes() default "";

    @AttributeDefinition(description = "Extra placement labels, e.g. gpu=none,zone=home")
    String labels() default "";

    @AttributeDefinition(description = "Unix socket of the Docker engine (or a unix:// or tcp:// address); the environment "
            + "variable DOCKER_HOST wins when set")
    String docker_socket() default "/var/run/docker.sock";

    @AttributeDefinition(description = "Longest wait between retries when the coordinator is unreachable, in seconds")
    int retry_max_seconds() default 60;

    @AttributeDefinition(description = "Least gap, in seconds, between two CPU/memory usage reports of a running attempt "
            + "(the coordinator's autoscaler measures services with them)")
    int usage_seconds() default 10;

    @AttributeDefinition(description = "The workload runtimes this agent offers, comma-separated: docker (sandboxed "
            + "containers, while a Docker engine answers) and process (no isolation; only while its owner enables it with "
            + "enabled = true in etc/org.sharercloud.runtime.process.cfg)")
    String runtime() default "docker,process";
}
