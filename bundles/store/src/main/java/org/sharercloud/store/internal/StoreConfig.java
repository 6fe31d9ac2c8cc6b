package org.sharercloud.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.sharercloud.store} ({@code etc/org.sharercloud.store.cfg}). */
@ObjectClassDefinition(name = "Sharer Cloud store", description = "Where the coordinator keeps its state")
public @interface StoreConfig {
    /** The PID. */
    String PID = "org.sharercloud.store";

    @AttributeDefinition(description = "JDBC URL; empty means embedded Derby under ${karaf.data}/sharer/db. "
            + "For PostgreSQL: jdbc:postgresql://host:5432/sharer")
    String jdbc_url() default "";

    @AttributeDefinition(description = "Database user (PostgreSQL)")
    String jdbc_user() default "";

    @AttributeDefinition(description = "Database password (PostgreSQL)", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String jdbc_password() default "";

    @AttributeDefinition(description = "Largest number of pooled connections")
    int pool_size() default 16;

    @AttributeDefinition(description = "Connections kept open while the coordinator is idle")
    int pool_min_idle() default 2;

    @AttributeDefinition(description = "Log a warning with the borrower's stack when a connection is held longer than this many seconds; 0 turns it off")
    int pool_leak_detection_seconds() default 60;

    @AttributeDefinition(description = "How long a request waits for a free connection before it fails")
    int pool_connection_timeout_seconds() default 10;
}
