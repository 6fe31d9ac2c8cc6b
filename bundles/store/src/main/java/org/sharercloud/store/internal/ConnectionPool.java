package org.sharercloud.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * A small bounded pool. A borrowed connection's {@code close()} hands it back (rolled back if left
 * in a transaction, auto-commit restored); a broken one is dropped. Callers wait at most 10 s.
 */
final class ConnectionPool implements AutoCloseable {
    private final DataSource raw;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;
    private volatile boolean closed;

    ConnectionPool(DataSource raw, int size) {
        this.raw = raw;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size, true);
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("the store is stopped");
        }
        try {
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free after 10 s; raise pool.size in etc/org.sharercloud.store.cfg");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        try {
            Connection c = idle.poll();
            while (c != null && c.isClosed()) {
                c = idle.poll();
            }
            if (c == null) {
                c = raw.getConnection();
            }
            return wrap(c);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Connection wrap(Connection real) {
        InvocationHandler h = new InvocationHandler() {
            private boolean returned;

            @Override
            public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                switch (m.getName()) {
                    case "close":
                        if (!returned) {
                            returned = true;
                            giveBack(real);
                        }
                        return null;
                    case "isClosed":
                        return returned || real.isClosed();
                    case "unwrap":
                        return real.unwrap((Class<?>) args[0]);
                    default:
                        if (returned) {
                            throw new SQLException("connection already returned to the pool");
                        }
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(ConnectionPool.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private void giveBack(Connection c) {
        try {
            if (!c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                if (closed || !idle.offer(c)) {
                    c.close();
                }
            }
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // broken connection: dropped
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
