package org.sharercloud.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.store.Backup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online backups of the embedded Derby database: {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE} copies the database, with a
 * consistent state of every committed transaction, into {@code <directory>/<database folder name>} while writers go on.
 * Restore: stop the coordinator, replace {@code data/sharer/db} with that folder, start again (docs/reliability.md).
 */
final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private Backups() {
    }

    static Backup derby(DataSource ds, boolean derby, String url, String directory) {
        if (!derby) {
            throw ApiException.badRequest("directory", "the store is PostgreSQL: back it up with pg_dump (docs/reliability.md)");
        }
        if (directory == null || directory.isBlank()) {
            throw ApiException.badRequest("directory", "give the folder to write the backup into (an absolute path)");
        }
        Path dir = Path.of(directory.strip()).normalize();
        if (!dir.isAbsolute()) {
            throw ApiException.badRequest("directory", "the backup folder must be an absolute path: " + directory.strip());
        }
        Path live = database(url);
        if (live != null && (dir.startsWith(live) || live.startsWith(dir))) {
            throw ApiException.badRequest("directory", "the backup folder must be outside the live database " + live);
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            try (Connection c = ds.getConnection(); CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                cs.setString(1, dir.toString());
                cs.execute();
            }
        } catch (IOException | SQLException e) {
            LOG.warn("Backup into {} failed: {}", dir, e.toString());
            throw new ApiException(500, "directory", "the backup into " + dir + " failed: " + e.getMessage());
        }
        Path written = live == null ? dir : dir.resolve(live.getFileName());
        long bytes = size(written);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Store backed up into {} ({} bytes, {} ms)", written, bytes, millis);
        return new Backup(written.toString(), bytes, millis);
    }

    /** The database folder of a {@code jdbc:derby:PATH;…} URL, or null for an in-memory database. */
    static Path database(String url) {
        String rest = url.substring("jdbc:derby:".length());
        int semi = rest.indexOf(';');
        String name = semi < 0 ? rest : rest.substring(0, semi);
        return name.startsWith("memory:") ? null : Path.of(name).toAbsolutePath().normalize();
    }

    private static long size(Path p) {
        try (Stream<Path> all = Files.walk(p)) {
            return all.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
