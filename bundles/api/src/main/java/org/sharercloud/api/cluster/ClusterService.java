package org.sharercloud.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The coordinator registry and the leader lease. Every coordinator over one store records itself and beats;
 * exactly one holds the leader lock (on PostgreSQL a session-level advisory lock on a dedicated connection, on
 * embedded Derby the single coordinator always) and is the one that runs cluster-wide periodic work: liveness
 * sweeps, autoscaling, downsampling and retention. Modules ask {@link #isLeader()} at the start of each round;
 * a module that finds no ClusterService behaves as the only coordinator.
 */
@ProviderType
public interface ClusterService {
    /** This coordinator's instance id. */
    String selfId();

    /** Whether this coordinator holds the leader lock now. */
    boolean isLeader();

    /** The registry as recorded in the store now. */
    ClusterView view();
}
