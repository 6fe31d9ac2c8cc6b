package org.sharercloud.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes regular files and directories as a tar archive that depends only on names, contents and
 * the executable bit (fixed times and owners), so equal outputs from two attempts hash the same.
 */
final class TarWriter {
    private TarWriter() {
    }

    static void write(Path base, List<Path> sortedEntries, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : sortedEntries) {
                String name = base.relativize(p).toString();
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!dir && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // links, fifos, devices: never followed, never shipped
                }
                TarArchiveEntry entry = new TarArchiveEntry(dir ? name + "/" : name);
                entry.setModTime(new Date(0));
                entry.setIds(0, 0);
                entry.setNames("", "");
                if (dir) {
                    entry.setMode(040755);
                    tar.putArchiveEntry(entry);
                } else {
                    boolean exec = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
                    long size = Files.size(p);
                    entry.setMode(0100000 | (exec ? 0755 : 0644));
                    entry.setSize(size);
                    tar.putArchiveEntry(entry);
                    copyExactly(p, size, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /** Copies exactly {@code size} bytes (zero-padded if the file shrank), as the header promised. */
    private static void copyExactly(Path p, long size, OutputStream out) throws IOException {
        byte[] buf = new byte[8192];
        long left = size;
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.write(buf, 0, n);
                left -= n;
            }
        }
        Arrays.fill(buf, (byte) 0);
        while (left > 0) {
            int n = (int) Math.min(buf.length, left);
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
