package org.sharercloud.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files a run left under {@code /output}, collected with a hard cap on the bytes read, and written as a tar
 * archive that depends only on names, contents and the executable bit (sorted entries, fixed times and owners), so
 * equal outputs from two attempts hash the same. Only regular files and directories are kept: links, devices and
 * fifos are never followed and never shipped.
 */
public final class OutputArchive {
    /** Size of a tmpfs page: what one non-empty file at least takes of a size-capped tmpfs. */
    public static final long PAGE = 4096;

    private final long cap;
    private final TreeMap<String, byte[]> files = new TreeMap<>();
    private final TreeMap<String, Boolean> executable = new TreeMap<>();
    private final TreeMap<String, Boolean> dirs = new TreeMap<>();
    private long bytes;
    private long pages;

    /** @param cap most bytes of file content collected; more is {@link OutputsTooLargeException} */
    public OutputArchive(long cap) {
        this.cap = cap;
    }

    /** Adds a directory ({@code name} relative, without a trailing slash). */
    public void directory(String name) {
        if (!name.isEmpty()) {
            dirs.put(name, Boolean.TRUE);
        }
    }

    /**
     * Adds a regular file, reading at most {@code size} bytes of it.
     *
     * @throws OutputsTooLargeException when the files' total would exceed the cap (checked before reading)
     */
    public void file(String name, long size, boolean exec, InputStream content) throws IOException {
        if (size < 0 || bytes + size > cap) {
            throw new OutputsTooLargeException(bytes + Math.max(0, size), cap);
        }
        byte[] b = content.readNBytes((int) size);
        if (b.length < size) { // it shrank meanwhile: the header promised size bytes
            b = java.util.Arrays.copyOf(b, (int) size);
        }
        bytes += size;
        pages += (size + PAGE - 1) / PAGE;
        files.put(name, b);
        executable.put(name, exec);
    }

    /**
     * Reads a tar stream as Docker's archive API sends a folder ({@code prefix/…} entries; here the holder's
     * {@code /output}), stopping at the cap: a sparse file of a terabyte is refused after reading its header.
     */
    public static OutputArchive fromDockerTar(InputStream in, String prefix, long cap) throws IOException {
        OutputArchive a = new OutputArchive(cap);
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (!name.startsWith(p)) {
                    continue; // the folder itself
                }
                name = name.substring(p.length());
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                if (name.isEmpty() || java.util.Arrays.asList(name.split("/")).contains("..")) {
                    continue;
                }
                if (e.isDirectory()) {
                    a.directory(name);
                } else if (e.isFile() && !e.isLink() && !e.isSymbolicLink()) {
                    a.file(name, e.getSize(), (e.getMode() & 0100) != 0, tar);
                }
            }
        }
        return a;
    }

    /** Bytes of file content collected. */
    public long bytes() {
        return bytes;
    }

    /** Tmpfs pages the files take (each file rounded up to whole pages). */
    public long pages() {
        return pages;
    }

    /** Files and folders collected. */
    public int entries() {
        return files.size() + dirs.size();
    }

    public boolean isEmpty() {
        return files.isEmpty() && dirs.isEmpty();
    }

    /** The reproducible tar, or null when nothing was collected. */
    public byte[] tar() throws IOException {
        if (isEmpty()) {
            return null;
        }
        TreeMap<String, Boolean> all = new TreeMap<>(dirs);
        files.keySet().forEach(f -> all.put(f, Boolean.FALSE));
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(bytes + 4096, Integer.MAX_VALUE - 8));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Boolean> n : all.entrySet()) {
                boolean dir = n.getValue();
                TarArchiveEntry entry = new TarArchiveEntry(dir ? n.getKey() + "/" : n.getKey());
                entry.setModTime(new Date(0));
                entry.setIds(0, 0);
                entry.setNames("", "");
                if (dir) {
                    entry.setMode(040755);
                    tar.putArchiveEntry(entry);
                } else {
                    byte[] content = files.get(n.getKey());
                    entry.setMode(0100000 | (executable.get(n.getKey()) ? 0755 : 0644));
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    /** The job wrote more under {@code /output} than allowed. */
    public static final class OutputsTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutputsTooLargeException(long size, long cap) {
            super("files under /output total at least " + size + " bytes, over the cap of " + cap + " bytes");
        }

        public OutputsTooLargeException(long size, long cap, String how) {
            super("the files under /output " + how + ": over the cap of " + cap + " bytes (" + size + " bytes)");
        }
    }
}
