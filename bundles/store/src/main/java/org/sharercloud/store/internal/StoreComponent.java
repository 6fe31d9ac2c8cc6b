package org.sharercloud.store.internal;

import java.io.File;
import java.io.PrintWriter;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
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
import org.sharercloud.api.store.PoolStats;
import org.sharercloud.api.store.StoreInfo;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

/**
 * The coordinator's database: opens embedded Derby (default) or PostgreSQL, applies migrations, and
 * only then publishes the pooled {@link DataSource}, so every module that references it sees the
 * current schema. A failed migration leaves the store unregistered (health shows it DOWN).
 * Connections come from a HikariCP pool (validation, leak detection, metrics).
 */
@Component(configurationPid = StoreConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {DataSource.class, StoreInfo.class, SharerModule.class},
        property = {SharerModule.MODULE + "=store"})
@Designate(ocd = StoreConfig.class)
public class StoreComponent implements DataSource, StoreInfo, SharerModule {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final Dialect dialect;
    private final String url;
    private final DataSource raw;
    private final HikariDataSource pool;
    private final PoolMetrics metrics = new PoolMetrics();
    private final int schemaVersion;
    private final int waitSeconds;

    @Activate
    public StoreComponent(StoreConfig config) throws Exception {
        this(config.jdbc_url(), config.jdbc_user(), config.jdbc_password(), config.pool_size(), config.pool_min_idle(),
                config.pool_leak_detection_seconds(), config.pool_connection_timeout_seconds());
    }

    /** As {@link #StoreComponent(String, String, String, int, int, int, int)} with 2 idle connections, leak detection after 60 s and a 10 s wait. */
    public StoreComponent(String jdbcUrl, String user, String password, int poolSize) throws Exception {
        this(jdbcUrl, user, password, poolSize, 2, 60, 10);
    }

    /**
     * Opens the store without OSGi (tests of the modules that own tables use it with an in-memory
     * Derby URL such as {@code jdbc:derby:memory:NAME;create=true}).
     *
     * @param jdbcUrl  empty for the default embedded Derby under {@code ${karaf.data}/sharer/db}
     * @param user     PostgreSQL user, or empty
     * @param password PostgreSQL password, or empty
     * @param poolSize largest number of pooled connections (at least 2 are used)
     * @param minIdle  connections kept open while idle
     * @param leakSeconds a connection held longer than this is logged with the borrower's stack; 0 turns it off
     * @param waitSeconds how long a caller waits for a free connection before failing
     */
    public StoreComponent(String jdbcUrl, String user, String password, int poolSize, int minIdle, int leakSeconds,
            int waitSeconds) throws Exception {
        String configured = jdbcUrl.strip();
        this.url = configured.isEmpty() ? defaultDerbyUrl() : configured;
        this.dialect = Dialect.ofUrl(url);
        this.raw = dialect == Dialect.DERBY ? derby(url) : postgres(url, user, password);
        this.waitSeconds = Math.max(1, waitSeconds);
        if (dialect == Dialect.DERBY) {
            // boot (or create) the database before the pool exists: HikariCP would hold Derby's boot, which can
            // take seconds on a busy machine, to its connection wait as a login timeout
            raw.getConnection().close();
        }
        this.pool = pool(raw, Math.max(2, poolSize), minIdle, leakSeconds, this.waitSeconds, metrics, url());
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

    private static HikariDataSource pool(DataSource raw, int max, int minIdle, int leakSeconds, int waitSeconds, PoolMetrics metrics,
            String where) throws SQLException {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sharer-store");
        hc.setDataSource(raw);
        hc.setMaximumPoolSize(max);
        hc.setMinimumIdle(Math.max(0, Math.min(minIdle, max)));
        hc.setConnectionTimeout(TimeUnit.SECONDS.toMillis(waitSeconds));
        hc.setValidationTimeout(TimeUnit.SECONDS.toMillis(5));
        if (leakSeconds > 0) {
            hc.setLeakDetectionThreshold(TimeUnit.SECONDS.toMillis(Math.max(2, leakSeconds)));
        }
        hc.setMetricsTrackerFactory(metrics);
        try {
            return new HikariDataSource(hc);
        } catch (PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SQLException("cannot open the store at " + where + ": " + cause.getMessage()
                    + "; check jdbc.url, jdbc.user and jdbc.password in etc/org.sharercloud.store.cfg", e);
        }
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

    static PGSimpleDataSource postgres(String url, String user, String password) {
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

    /** Closes the pool (and shuts embedded Derby down): deactivation, public for other modules' tests. */
    @Deactivate
    public void deactivate() {
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
    public org.sharercloud.api.store.Backup backup(String directory) {
        return Backups.derby(this, dialect == Dialect.DERBY, url, directory);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (pool.isClosed()) {
            throw new SQLException("the store is stopped");
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw new SQLTransientConnectionException("no database connection free after " + waitSeconds + " s; raise pool.size in etc/org.sharercloud.store.cfg ("
                    + e.getMessage() + ")", e.getSQLState(), e);
        }
    }

    /**
     * A connection of its own, outside the pool, for what needs a real database session for as long as it lives
     * (the leader's advisory lock, LISTEN): a pool would recycle or validate it away.
     */
    Connection openSession() throws SQLException {
        return raw.getConnection();
    }

    Dialect dialect() {
        return dialect;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PoolStats pool() {
        HikariPoolMXBean p = pool.getHikariPoolMXBean();
        if (p == null || pool.isClosed()) {
            return PoolStats.NONE;
        }
        return new PoolStats(p.getActiveConnections(), p.getIdleConnections(), p.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize(), metrics.acquired.sum(), metrics.acquireNanos.sum() / 1e9, metrics.timeouts.sum(),
                metrics.created.sum());
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
