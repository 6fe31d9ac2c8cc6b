package org.sharercloud.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The coordinator registry's keys in PID {@code org.sharercloud.store} ({@code etc/org.sharercloud.store.cfg}). */
@ObjectClassDefinition(name = "Sharer Cloud coordinator registry", description = "How coordinators sharing one store find each other and elect a leader")
public @interface ClusterConfig {
    @AttributeDefinition(description = "Where this coordinator serves, as shown in the registry; empty: host name and HTTP port")
    String cluster_address() default "";

    @AttributeDefinition(description = "Seconds between registry beats (each one also renews or competes for the leader lock)")
    int cluster_beat_seconds() default 5;

    @AttributeDefinition(description = "A coordinator silent this many seconds is shown dead; its row is pruned after ten times as long")
    int cluster_dead_after_seconds() default 20;
}
