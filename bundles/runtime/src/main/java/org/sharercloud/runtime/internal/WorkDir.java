package org.sharercloud.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The private directory of one process run on the host: {@code input/} (the inputs, read-only for the job),
 * {@code output/} (what the job writes, archived afterwards) and {@code tmp/}. Symbolic links the job leaves in
 * {@code output/} are never followed. Whatever the job does to permissions, {@link #outputBytes()} never
 * under-counts (an entry it cannot measure makes the total unknown, which the callers treat as over the cap) and
 * {@link #delete()} removes everything (it restores the owner's access to each folder before emptying it).
 */
public final class WorkDir {
    private final Path root;

    private WorkDir(Path root) {
        this.root = root;
    }

    /**
     * Creates {@code base/<id>-<random>/} with its inputs written. The run folder is {@code rwx--x--x} and its
     * {@code output/} and {@code tmp/} writable by anyone, so that a sandbox user other than the agent's can reach
     * them through the paths bound into its sandbox, and no one else can list them.
     */
    public static WorkDir create(Path base, String id, Map<String, byte[]> inputs) throws IOException {
        Files.createDirectories(base);
        Path root = base.resolve(id + "-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        WorkDir dir = new WorkDir(root);
        Files.createDirectory(dir.input());
        Files.createDirectory(dir.output());
        Files.createDirectory(dir.tmp());
        if (inputs != null) {
            for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
                Path file = dir.input().resolve(Specs.inputPath(e.getKey()));
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        }
        try (var all = Files.walk(dir.input())) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir.output(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir.tmp(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    public Path root() {
        return root;
    }

    public Path input() {
        return root.resolve("input");
    }

    public Path output() {
        return root.resolve("output");
    }

    /** Scratch space for runtimes without a tmpfs of their own. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /**
     * Bytes of regular files under {@code output/} now (links not followed; a sparse file counts with its apparent
     * size), or -1 when some entry could not be read or measured (a folder the job made unreadable, say): the
     * callers count that as over the cap.
     */
    public long outputBytes() {
        long[] total = {0};
        try {
            walk(output(), "", new Visitor() {
                @Override
                public void directory(String name) {
                }

                @Override
                public void file(String name, Path p, BasicFileAttributes a) {
                    total[0] += a.size();
                }
            });
            return total[0];
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The files under {@code output/} as a reproducible tar archive, or null when there are none.
     *
     * @throws OutputArchive.OutputsTooLargeException when their total size exceeds {@code cap}
     * @throws IOException                            when an entry cannot be read (then nothing is shipped)
     */
    public byte[] archiveOutputs(long cap) throws IOException {
        OutputArchive archive = new OutputArchive(cap);
        walk(output(), "", new Visitor() {
            @Override
            public void directory(String name) {
                archive.directory(name);
            }

            @Override
            public void file(String name, Path p, BasicFileAttributes a) throws IOException {
                boolean exec = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
                try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                    archive.file(name, a.size(), exec, in);
                }
            }
        });
        return archive.tar();
    }

    private interface Visitor {
        void directory(String name) throws IOException;

        void file(String name, Path p, BasicFileAttributes a) throws IOException;
    }

    /** Depth-first, links neither followed nor reported; any unreadable entry is an IOException. */
    private static void walk(Path dir, String prefix, Visitor v) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        for (Path p : children) {
            String name = prefix + p.getFileName();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                v.directory(name);
                walk(p, name + "/", v);
            } else if (a.isRegularFile()) {
                v.file(name, p, a);
            }
        }
    }

    /** Removes the whole directory, best effort. */
    public void delete() {
        deleteTree(root);
    }

    /**
     * Removes a tree whatever the permissions its entries were left with: each folder gets its owner's
     * {@code rwx} back before it is listed (the agent owns what a sandbox running as the agent's user made; as root
     * it needs no permission). Links are removed, never followed. Best effort: a leftover goes at the next cleanup.
     */
    public static void deleteTree(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                try {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                } catch (IOException | UnsupportedOperationException e) {
                    // not ours; try anyway
                }
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                    ds.forEach(children::add);
                }
                children.forEach(WorkDir::deleteTree);
            }
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is removed by the next cleanup
        }
    }
}
