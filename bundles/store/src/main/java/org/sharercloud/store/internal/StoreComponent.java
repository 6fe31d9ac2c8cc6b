package org.sharercloud.store.internal;

import java.io.File;
import java.io.PrintWriter;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.store.StoreInfo;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's database: opens embedded Derby (default) or PostgreSQL, applies migrations, and
 * only then publishes the pooled {@link DataSource}, so every module that references it sees the
 * current schema. A failed migration leaves the store unregistered (health shows it DOWN).
 */
@Component(name = "org.sharercloud.store", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {DataSource.class, StoreInfo.class, SharerModule.class},
        property = {SharerModule.MODULE + "=store"})
@Designate(ocd = StoreConfig.class)
public class StoreComponent implements DataSource, StoreInfo, SharerModule {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final Dialect dialect;
    private final String url;
    private final ConnectionPool pool;
    private final int schemaVersion;

    @Activate
    public StoreComponent(StoreConfig config) throws Exception {
        this(config.jdbc_url(), config.jdbc_user(), config.jdbc_password(), config.pool_size());
    }

    /**
     * Opens the store without OSGi (tests of the modules that own tables use it with an in-memory
     * Derby URL such as {@code jdbc:derby:memory:NAME;create=true}).
     *
     * @param jdbcUrl  empty for the default embedded Derby under {@code ${karaf.data}/sharer/db}
     * @param user     PostgreSQL user, or empty
     * @param password PostgreSQL password, or empty
     * @param poolSize largest number of pooled connections (at least 2 are used)
     */
    public StoreComponent(String jdbcUrl, String user, String password, int poolSize) throws Exception {
        String configured = jdbcUrl.strip();
        this.url = configured.isEmpty() ? defaultDerbyUrl() : configured;
        this.dialect = Dialect.ofUrl(url);
        DataSource raw = dialect == Dialect.DERBY ? derby(url) : postgres(url, user, password);
        this.pool = new ConnectionPool(raw, Math.max(2, poolSize));
        Migrator migrator = new Migrator(dialect, name -> resource("migrations/" + name));
        try {
            this.schemaVersion = migrator.migrate(this);
        } catch (Exception e) {
            pool.close();
            LOG.error("Store {} could not be migrated: {}. Fix the database or jdbc.url in etc/org.sharercloud.store.cfg, then restart the store bundle.", url, e.getMessage());
            throw e;
        }
        LOG.info("Store ready: {} at {} (schema version {})", dialect.id(), url, schemaVersion);
    }

    static URL resource(String name) {
        return StoreComponent.class.getResource("/org/sharercloud/store/" + name);
    }

    private static String defaultDerbyUrl() {
        String data = System.getProperty("karaf.data", "target");
        File dir = new File(data, "sharer/db");
        dir.getParentFile().mkdirs();
        if (System.getProperty("derby.stream.error.file") == null) {
            new File(data, "log").mkdirs();
            System.setProperty("derby.stream.error.file", new File(data, "log/derby.log").getAbsolutePath());
        }
        return "jdbc:derby:" + dir.getAbsolutePath() + ";create=true";
    }

    private static DataSource derby(String url) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        String rest = url.substring("jdbc:derby:".length());
        int semi = rest.indexOf(';');
        ds.setDatabaseName(semi < 0 ? rest : rest.substring(0, semi));
        if (rest.contains("create=true")) {
            ds.setCreateDatabase("create");
        }
        return ds;
    }

    private static DataSource postgres(String url, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (!user.isBlank()) {
            ds.setUser(user);
        }
        if (!password.isBlank()) {
            ds.setPassword(password);
        }
        return ds;
    }

    @Deactivate
    void deactivate() {
        pool.close();
        if (dialect == Dialect.DERBY) {
            shutdownDerby();
        }
        LOG.info("Store closed");
    }

    private void shutdownDerby() {
        EmbeddedDataSource ds = (EmbeddedDataSource) derby(url);
        ds.setCreateDatabase(null);
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception (SQLState 08006)
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.borrow();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.borrow();
    }

    @Override
    public String kind() {
        return dialect.id();
    }

    @Override
    public String url() {
        int semi = url.indexOf(';');
        String u = semi < 0 ? url : url.substring(0, semi);
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    @Override
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 10;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
