package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;
import org.sharercloud.api.ApiException;

/** Files named on the console are read bounded: an endless or huge file is an error line, not an out-of-memory coordinator. */
public class ShellFilesTest {
    private static ApiException refused(String file) {
        try {
            ShellFiles.read(file, "inputs");
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("read " + file);
    }

    @Test
    public void endlessHugeMissingAndBinaryFilesAreRefusedNamingTheOption() throws Exception {
        ApiException endless = refused("/dev/zero");
        assertEquals(413, endless.status());
        assertEquals("inputs", endless.field());
        assertEquals(400, refused("/no/such/file").status());
        assertEquals(400, refused("bad\0name").status());
        Path bin = Files.createTempFile("shell", ".bin");
        try {
            Files.write(bin, new byte[] {(byte) 0xC3, (byte) 0x28});
            assertTrue(refused(bin.toString()).getMessage().contains("not UTF-8"));
            Files.writeString(bin, "1\n2\n3\n");
            assertEquals("1\n2\n3\n", ShellFiles.read(bin.toString(), "file"));
            assertEquals(3, ForecastCommand.read(bin).length);
        } finally {
            Files.delete(bin);
        }
        try {
            ForecastCommand.read(Path.of("/dev/zero"));
            fail("read an endless series");
        } catch (ApiException e) {
            assertEquals(413, e.status());
        }
    }
}
