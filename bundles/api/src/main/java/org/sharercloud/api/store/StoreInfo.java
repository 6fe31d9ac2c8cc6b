package org.sharercloud.api.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the store next to its {@code javax.sql.DataSource} once migrations have run, so a
 * module that references the DataSource knows the schema is current.
 */
@ProviderType
public interface StoreInfo {
    /** {@code derby} or {@code postgresql}. */
    String kind();

    /** The JDBC URL in use, without credentials. */
    String url();

    /** Highest migration applied. */
    int schemaVersion();

    /** The connection pool's state now. */
    default PoolStats pool() {
        return PoolStats.NONE;
    }
}
