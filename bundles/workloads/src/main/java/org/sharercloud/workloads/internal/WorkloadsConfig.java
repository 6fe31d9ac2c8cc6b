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

    @AttributeDefinition(description = "A RUNNING attempt with no RESULT by its timeout plus this many seconds is LOST: its member is "
            + "told to stop it and the replica is retried elsewhere (a silent or malicious member cannot hold a replica forever)")
    int attempt_grace_seconds() default 60;

    @AttributeDefinition(description = "A SCHEDULED attempt its agent has not acknowledged (no event) after this many seconds is LOST "
            + "and retried elsewhere")
    int start_deadline_seconds() default 600;

    @AttributeDefinition(description = "How often the coordinator looks for attempts past their deadline, in seconds")
    int deadline_check_seconds() default 15;

    @AttributeDefinition(description = "A service replica that crashes (FAILED or TIMED_OUT) this many times in a row, each time "
            + "within service.healthy.seconds of its start, is FAILED instead of restarted")
    int service_crash_limit() default 10;

    @AttributeDefinition(description = "A service attempt that ran this long before failing starts a new crash count")
    int service_healthy_seconds() default 60;

    @AttributeDefinition(description = "Restart delay after a service replica's second crash in a row, doubled at each further one")
    int service_backoff_seconds() default 5;

    @AttributeDefinition(description = "Longest restart delay of a crash-looping service replica, in seconds")
    int service_backoff_max_seconds() default 300;

    @AttributeDefinition(description = "Logs and outputs of workloads final for longer than this many days are deleted (0 keeps them)")
    int retention_days() default 30;

    @AttributeDefinition(description = "Longest an exec in a reserved worker may be asked to run, in seconds")
    int exec_max_seconds() default 300;

    @AttributeDefinition(description = "Most unfinished workloads (PENDING, SCHEDULED, RUNNING) one requestor may have; a submit above is a 429. Admins are not limited")
    int max_active_per_owner() default 1000;

    @AttributeDefinition(description = "Most reserved workers one requestor may hold at once (requested or ready); a reservation above is a 429. Admins are not limited")
    int max_reservations_per_owner() default 10;

    @AttributeDefinition(description = "Most bytes of logs and output archives one requestor may keep stored; at or above it a submit is a 429 "
            + "(work already admitted keeps all it writes). 0: no limit. Admins are not limited")
    long storage_max_bytes_per_owner() default 1024L * 1024 * 1024;

    @AttributeDefinition(description = "Hours a reserved worker may be held; then it is released (checked every minute). 0: no limit")
    int reservation_max_hours() default 24;
}
