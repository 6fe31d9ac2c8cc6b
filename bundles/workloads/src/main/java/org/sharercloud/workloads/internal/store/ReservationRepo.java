package org.sharercloud.workloads.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.workloads.Reservation;
import org.sharercloud.api.workloads.ReservationState;

/** SQL for reserved workers (table {@code wl_reservation}). */
public final class ReservationRepo {
    private static final String COLS = "id, owner, member_id, image, env, cpu_millis, memory_mb, state, reason, created_at, updated_at";
    private static final String HOLDING = "('REQUESTED','READY','RELEASING')";

    /** A reservation with its environment (kept out of the public record). */
    public record Row(Reservation reservation, Map<String, String> env) {
    }

    public void insert(Connection c, Reservation r, Map<String, String> env) throws SQLException {
        Db.update(c, "INSERT INTO wl_reservation (" + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", r.id(), r.owner(), r.memberId(),
                r.image(), Codec.map(env), r.cpuMillis(), r.memoryMb(), r.state().name(), Db.Nullable.VARCHAR,
                r.createdAt().toEpochMilli(), r.updatedAt().toEpochMilli());
    }

    public Row get(Connection c, String id) throws SQLException {
        return Db.one(c, "SELECT " + COLS + " FROM wl_reservation WHERE id = ?", ReservationRepo::row, id);
    }

    /** Reservations still holding resources, of one owner or (null) everyone. */
    public List<Row> active(Connection c, String owner) throws SQLException {
        return owner == null
                ? Db.query(c, "SELECT " + COLS + " FROM wl_reservation WHERE state IN " + HOLDING + " ORDER BY created_at DESC", ReservationRepo::row)
                : Db.query(c, "SELECT " + COLS + " FROM wl_reservation WHERE owner = ? AND state IN " + HOLDING
                        + " ORDER BY created_at DESC", ReservationRepo::row, owner);
    }

    public List<Row> onMember(Connection c, String memberId) throws SQLException {
        return Db.query(c, "SELECT " + COLS + " FROM wl_reservation WHERE member_id = ? AND state IN " + HOLDING,
                ReservationRepo::row, memberId);
    }

    public void setState(Connection c, String id, ReservationState state, String reason, long now) throws SQLException {
        Db.update(c, "UPDATE wl_reservation SET state = ?, reason = ?, updated_at = ? WHERE id = ?", state.name(),
                reason == null ? Db.Nullable.VARCHAR : WorkloadRepo.truncate(reason), now, id);
    }

    public long[] allocated(Connection c, String memberId) throws SQLException {
        return Db.one(c, "SELECT COALESCE(SUM(cpu_millis), 0), COALESCE(SUM(memory_mb), 0), COUNT(*) FROM wl_reservation "
                + "WHERE member_id = ? AND state IN " + HOLDING, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, memberId);
    }

    public List<String> activeMembers(Connection c) throws SQLException {
        return Db.query(c, "SELECT DISTINCT member_id FROM wl_reservation WHERE state IN " + HOLDING, rs -> rs.getString(1));
    }

    private static Row row(ResultSet rs) throws SQLException {
        Reservation r = new Reservation(rs.getString("id"), rs.getString("owner"), rs.getString("member_id"), rs.getString("image"),
                rs.getInt("cpu_millis"), rs.getInt("memory_mb"), ReservationState.valueOf(rs.getString("state")), rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new Row(r, Codec.map(rs.getString("env")));
    }
}
