package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.Test;

/** The holder image is a valid docker-save archive around a static ELF program. */
public class PauseImageTest {
    @Test
    public void theSavedImageNamesItsLayerAndConfig() throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(PauseImage.saved("x86_64")))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest, manifest.contains("\"RepoTags\":[\"" + PauseImage.NAME + "\"]"));
        assertEquals(3, entries.size());
        byte[] program = PauseImage.program("amd64");
        assertEquals(0x7f, program[0]);
        assertEquals("ELF", new String(program, 1, 3, StandardCharsets.US_ASCII));
        assertEquals("x86-64", 0x3e, program[18]);
        assertEquals("aarch64", (byte) 0xb7, PauseImage.program("arm64")[18]);
    }
}
