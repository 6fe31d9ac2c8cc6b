package org.sharercloud.testing;

import java.sql.SQLException;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.sharercloud.store.internal.StoreComponent;

/**
 * The real store (migrations, pool, dialect) on an in-memory Derby database, for component tests of the
 * modules that own tables. Each {@link #create} opens a fresh database; {@link #open} opens one again
 * by its URL, as a coordinator restart would; {@link #drop} frees it.
 */
public final class TestStores {
    static {
        System.setProperty("derby.stream.error.file", "target/derby.log"); // not the module folder
    }

    private TestStores() {
    }

    /** A fresh, migrated store on an in-memory database named after {@code name}, with a pool of 4. */
    public static StoreComponent create(String name) throws Exception {
        return create(name, 4);
    }

    /** A fresh, migrated store on an in-memory database named after {@code name}. */
    public static StoreComponent create(String name, int poolSize) throws Exception {
        return open("jdbc:derby:memory:" + name + "-" + UUID.randomUUID() + ";create=true", poolSize);
    }

    /** The store at a JDBC URL (an in-memory one from {@link StoreComponent#url()} opens the same database again). */
    public static StoreComponent open(String url, int poolSize) throws Exception {
        return new StoreComponent(url, "", "", poolSize);
    }

    /** Drops an in-memory database opened here (the store's own shutdown is not public). */
    public static void drop(StoreComponent store) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(store.url().substring("jdbc:derby:".length()).replace(";create=true", ""));
        ds.setConnectionAttributes("drop=true");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as an exception (SQLState 08006)
        }
    }
}
