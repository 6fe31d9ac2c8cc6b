package org.sharercloud.runtime.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.Test;

/** Reading the engine's tar of /output: capped before reading, links and escapes dropped, output reproducible. */
public class OutputArchiveTest {
    private static byte[] dockerTar(boolean withHuge) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            dir(tar, "output/");
            dir(tar, "output/d/");
            file(tar, "output/d/a.txt", "data\n", 0100000);
            file(tar, "output/run.sh", "#!/bin/sh\n", 0100000);
            TarArchiveEntry link = new TarArchiveEntry("output/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            file(tar, "output/../escape", "x", 0100000);
            if (withHuge) {
                TarArchiveEntry huge = new TarArchiveEntry("output/sparse");
                huge.setSize(1L << 40); // a terabyte promised: refused from its header
                tar.putArchiveEntry(huge);
                // no content: the reader must stop before reading it
            } else {
                tar.finish();
            }
        } catch (IOException unfinished) {
            // the huge entry is never written out
        }
        return out.toByteArray();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, int type) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        e.setMode(type | (name.endsWith(".sh") ? 0700 : 0000)); // a mode the job made unreadable is still shipped
        e.setModTime(123456789L);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static Map<String, String> untar(byte[] tar) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getModTime().getTime(),
                        e.isDirectory() ? "<dir>" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    public void regularFilesAndFoldersAreKeptLinksAndEscapesDropped() throws IOException {
        OutputArchive a = OutputArchive.fromDockerTar(new ByteArrayInputStream(dockerTar(false)), "output", 1000);
        assertEquals(15, a.bytes());
        assertEquals(2, a.pages());
        assertEquals(3, a.entries());
        assertEquals(Map.of("d/ 40755 0", "<dir>", "d/a.txt 100644 0", "data\n", "run.sh 100755 0", "#!/bin/sh\n"), untar(a.tar()));
        assertArrayEquals("reproducible", a.tar(), OutputArchive.fromDockerTar(new ByteArrayInputStream(dockerTar(false)), "output", 1000).tar());
    }

    @Test
    public void aFileOverTheCapIsRefusedFromItsHeader() throws IOException {
        try {
            OutputArchive.fromDockerTar(new ByteArrayInputStream(dockerTar(true)), "output", 1L << 20);
            fail("a terabyte passed a megabyte cap");
        } catch (OutputArchive.OutputsTooLargeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("over the cap of 1048576 bytes"));
        }
    }

    @Test
    public void theCapCountsEveryFile() throws IOException {
        try {
            OutputArchive.fromDockerTar(new ByteArrayInputStream(dockerTar(false)), "output", 10);
            fail("15 bytes passed a 10-byte cap");
        } catch (OutputArchive.OutputsTooLargeException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("over the cap of 10 bytes"));
        }
    }
}
