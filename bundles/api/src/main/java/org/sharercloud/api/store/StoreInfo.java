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

    /**
     * Writes an online backup of the embedded Derby database under {@code directory} (an absolute path, created if
     * absent), while the coordinator keeps running (Derby's {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}).
     *
     * @throws org.sharercloud.api.ApiException 400 for a relative path, a path inside the live database or a store
     *                                          that is not Derby (use {@code pg_dump} for PostgreSQL); 500 when the
     *                                          backup itself fails (disk full, permissions)
     */
    default Backup backup(String directory) {
        throw new org.sharercloud.api.ApiException(400, "directory", "this store cannot write backups");
    }

    /** The connection pool's state now. */
    default PoolStats pool() {
        return PoolStats.NONE;
    }
}
