package org.sharercloud.workloads.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.sharercloud.workloads} ({@code etc/org.sharercloud.workloads.cfg}). */
@ObjectClassDefinition(name = "Sharer Cloud workloads", description = "Workloads, attempts, reserved workers and credits")
public @interface WorkloadsConfig {
    /** The PID. */
    String PID = "org.sharercloud.workloads";

    @AttributeDefinition(description = "Credits per CPU-second of a SUCCEEDED attempt")
    double credit_weight() default 1.0;

    @AttributeDefinition(description = "Largest accepted workload spec in bytes (command, env, inputs, constraints); above: 413")
    int spec_max_bytes() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Largest total size of a workload's input files in bytes; above: 413")
    int inputs_max_bytes() default 1024 * 1024;

    @AttributeDefinition(description = "Largest outputs archive an agent may return, in bytes; above: 413")
    int outputs_max_bytes() default 16 * 1024 * 1024;

    @AttributeDefinition(description = "Captured log kept per attempt, in bytes (stdout+stderr); the rest is dropped with a marker")
    long log_max_bytes() default 1024 * 1024;

    @AttributeDefinition(description = "Seconds after which an assignment the agent has not acknowledged is handed out again")
    int redeliver_seconds() default 30;

    @AttributeDefinition(description = "Images workloads and reserved workers may name: patterns (* any characters, ? one; "
            + "no tag matches every tag) or name@sha256:digest; registries on loopback or private networks are always refused")
    String[] images_allowed() default {"*"};

    @AttributeDefinition(description = "Longest an exec in a reserved worker may be asked to run, in seconds")
    int exec_max_seconds() default 300;

    @AttributeDefinition(description = "Most unfinished workloads (PENDING, SCHEDULED, RUNNING) one requestor may have; a submit above is a 429. Admins are not limited")
    int max_active_per_owner() default 1000;

    @AttributeDefinition(description = "Most reserved workers one requestor may hold at once (requested or ready); a reservation above is a 429. Admins are not limited")
    int max_reservations_per_owner() default 10;

    @AttributeDefinition(description = "Hours a reserved worker may be held; then it is released (checked every minute). 0: no limit")
    int reservation_max_hours() default 24;
}
