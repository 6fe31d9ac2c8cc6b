package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.Test;
import org.sharercloud.api.ApiException;

/** The tar the input volume is filled from: every parent folder before its files, read-only modes, root-owned. */
public class InputVolumeTarTest {
    @Test
    public void foldersComeFirstAndEverythingIsReadOnlyAndRootOwned() throws Exception {
        byte[] tar = InputVolume.tar(Map.of("b.txt", "b".getBytes(StandardCharsets.UTF_8), "x/y/z.bin", new byte[] {1, 2, 3},
                "x/a.txt", new byte[0]));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                seen.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId() + ":" + e.getLongGroupId() + " "
                        + (e.isDirectory() ? "dir" : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).length()));
            }
        }
        assertEquals(List.of("x/ 40555 0:0 dir", "x/y/ 40555 0:0 dir", "b.txt 100444 0:0 1", "x/a.txt 100444 0:0 0",
                "x/y/z.bin 100444 0:0 3"), seen);
    }

    @Test
    public void aNameLeavingInputIsRefused() throws Exception {
        try {
            InputVolume.tar(Map.of("../etc/passwd", new byte[] {1}));
            fail("accepted a name outside /input");
        } catch (ApiException e) {
            assertEquals("inputs", e.field());
        }
    }
}
