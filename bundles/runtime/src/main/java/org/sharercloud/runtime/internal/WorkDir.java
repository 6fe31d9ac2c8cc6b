package org.sharercloud.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The private directory of one run on the host: {@code input/} (the inputs, read-only for the
 * job) and {@code output/} (what the job writes, archived afterwards). Symbolic links the job
 * leaves in {@code output/} are never followed.
 */
public final class WorkDir {
    private final Path root;

    private WorkDir(Path root) {
        this.root = root;
    }

    /** Creates {@code base/<id>-<random>/} with its inputs written; the output folder is writable by anyone. */
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
        try (Stream<Path> all = Files.walk(dir.input())) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        // the sandbox user is not the agent's user; the folder is reachable only through its mount
        Files.setPosixFilePermissions(dir.output(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir.tmp(), PosixFilePermissions.fromString("rwxrwxrwx"));
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

    /** Bytes of regular files under {@code output/} now (links not followed). */
    public long outputBytes() {
        try (Stream<Path> all = Files.walk(output())) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(WorkDir::size).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The files under {@code output/} as a reproducible tar archive, or null when there are none.
     *
     * @throws OutputsTooLargeException when their total size exceeds {@code cap}
     */
    public byte[] archiveOutputs(long cap) throws IOException {
        List<Path> entries;
        try (Stream<Path> all = Files.walk(output())) {
            entries = all.filter(p -> !p.equals(output())).sorted(Comparator.comparing(Path::toString)).toList();
        }
        if (entries.isEmpty()) {
            return null;
        }
        long total = entries.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(WorkDir::size).sum();
        if (total > cap) {
            throw new OutputsTooLargeException(total, cap);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(total + 4096, Integer.MAX_VALUE - 8));
        TarWriter.write(output(), entries, bytes);
        return bytes.toByteArray();
    }

    /** Removes the whole directory, best effort. */
    public void delete() {
        deleteTree(root);
    }

    public static void deleteTree(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        p.toFile().setWritable(true);
                    }
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover is removed by the next cleanup
                }
            });
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The job wrote more under {@code /output} than allowed. */
    public static final class OutputsTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutputsTooLargeException(long size, long cap) {
            super("files under /output total " + size + " bytes, over the cap of " + cap + " bytes");
        }
    }
}
