package org.sharercloud.members.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.sharercloud.members} ({@code etc/org.sharercloud.members.cfg}). */
@ObjectClassDefinition(name = "Sharer Cloud members", description = "Heartbeats and liveness of contributor machines")
public @interface MembersConfig {
    /** The PID. */
    String PID = "org.sharercloud.members";

    @AttributeDefinition(description = "Interval at which agents are asked to send heartbeats, in seconds", min = "1", max = "3600")
    int heartbeat_seconds() default 5;

    @AttributeDefinition(description = "Heartbeats missed in a row before a member turns SUSPECT", min = "1")
    int suspect_after_missed() default 3;

    @AttributeDefinition(description = "Silence after which a member turns OFFLINE, in seconds", min = "1")
    int offline_after_seconds() default 30;

    @AttributeDefinition(description = "How often heartbeats received here are stamped in the store (database clock), other coordinators' changes "
            + "are read back, and (on the leader) liveness is swept, in milliseconds", min = "100")
    int flush_millis() default 1000;

    @AttributeDefinition(description = "Members' state changes (GET /api/v1/members/{id}/history) are kept this many days", min = "1")
    int history_days() default 30;

    @AttributeDefinition(description = "At most this many state changes are kept per member (the oldest go first; pruned hourly)", min = "1")
    int history_per_member() default 1000;
}
