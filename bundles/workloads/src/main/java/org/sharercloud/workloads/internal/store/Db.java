package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Transactions over the store's DataSource. A {@link Work} runs in one transaction, committed when it
 * returns and rolled back when it throws; SQL failures become {@link StoreException}.
 */
public final class Db {
    private final DataSource ds;

    public Db(DataSource ds) {
        this.ds = ds;
    }

    /** A unit of work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> T tx(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, args)) {
            return p.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, args); ResultSet rs = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    public static <T> T one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> all = query(c, sql, row, args);
        return all.isEmpty() ? null : all.get(0);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                p.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof Nullable n) {
                p.setNull(i + 1, n.sqlType());
            } else if (a instanceof byte[] b) {
                p.setBytes(i + 1, b);
            } else {
                p.setObject(i + 1, a);
            }
        }
        return p;
    }

    /** A typed SQL NULL argument (Derby wants the type of a NULL). */
    public record Nullable(int sqlType) {
        public static final Nullable INTEGER = new Nullable(Types.INTEGER);
        public static final Nullable BIGINT = new Nullable(Types.BIGINT);
        public static final Nullable VARCHAR = new Nullable(Types.VARCHAR);
    }

    /** An Integer argument or a typed NULL. */
    public static Object intOrNull(Integer v) {
        return v == null ? Nullable.INTEGER : v;
    }

    /** A Long argument or a typed NULL. */
    public static Object longOrNull(Long v) {
        return v == null ? Nullable.BIGINT : v;
    }

    /** A nullable BIGINT column. */
    public static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** A nullable INTEGER column. */
    public static Integer getInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }
}
