package org.sharercloud.workloads.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.sharercloud.api.QuotaExceeded;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.workloads.Usage;

/**
 * The quota on what a requestor keeps stored (logs and output archives, {@code storage.max.bytes.per.owner}). It is
 * checked when work is admitted: at or above it a submit is a 429 naming the quota, what is used and the limit, and
 * nothing is stored. A workload already admitted keeps every log line and its outputs (each attempt bounded by
 * {@code log.max.bytes} and {@code outputs.max.bytes}), so nothing is cut or lost because of the quota; the overshoot
 * is bounded by what the requestor's unfinished workloads write. Retention ({@code retention.days}) frees it.
 */
final class StorageQuota {
    /** Retry-After when nothing will be freed by retention (it is off, or nothing of this owner has ended yet). */
    static final long RETRY_UNKNOWN_SECONDS = 3600;
    private final WorkloadsConfig config;

    StorageQuota(WorkloadsConfig config) {
        this.config = config;
    }

    /** 429 when {@code owner} stores its limit or more (admins and a limit of 0 are not limited). */
    void check(Connection c, WorkloadsCore core, Principal owner, long now) throws SQLException {
        long limit = config.storage_max_bytes_per_owner();
        if (owner.isAdmin() || limit <= 0) {
            return;
        }
        long used = core.repos().storage().logBytes(c, owner.subject()) + core.repos().storage().outputBytes(c, owner.subject());
        if (used < limit) {
            return;
        }
        Long oldest = core.repos().storage().oldestFinalWithData(c, owner.subject());
        long retention = Duration.ofDays(config.retention_days()).toMillis();
        String frees;
        long retry;
        if (retention > 0 && oldest != null) {
            retry = Math.max(60, (oldest + retention - now + 999) / 1000);
            frees = "retention (retention.days = " + config.retention_days() + ") deletes the oldest of them in about " + human(retry);
        } else {
            retry = RETRY_UNKNOWN_SECONDS;
            frees = retention > 0 ? "retention (retention.days = " + config.retention_days() + ") deletes them that long after their workloads end"
                    : "nothing is deleted automatically (retention.days = 0); ask an admin to raise the quota";
        }
        throw new QuotaExceeded("storage", owner.subject() + " keeps " + used + " bytes of logs and outputs, at or over its storage quota of "
                + limit + " bytes (storage.max.bytes.per.owner); " + frees, retry);
    }

    /** What {@code owner} uses; {@code admin} says whether its limits apply (they do not to admins). */
    Usage usage(Connection c, WorkloadsCore core, String owner, boolean admin) throws SQLException {
        long logs = core.repos().storage().logBytes(c, owner);
        long outputs = core.repos().storage().outputBytes(c, owner);
        long storage = config.storage_max_bytes_per_owner();
        return new Usage(owner, logs + outputs, logs, outputs, admin || storage <= 0 ? null : storage,
                core.repos().workloads().active(c, owner), admin ? null : config.max_active_per_owner(),
                core.repos().reservations().active(c, owner).size(), admin ? null : config.max_reservations_per_owner());
    }

    private static String human(long seconds) {
        if (seconds >= 2 * 86400) {
            return seconds / 86400 + " days";
        }
        if (seconds >= 2 * 3600) {
            return seconds / 3600 + " hours";
        }
        return Math.max(1, seconds / 60) + " minutes";
    }
}
