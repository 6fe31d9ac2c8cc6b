package org.sharercloud.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.sharercloud.api.runtime.RunSpec;

public class CappedOutputTest {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private CappedOutput capped(long cap) {
        return new CappedOutput(cap, (stderr, text) -> (stderr ? err : out).append(text));
    }

    @Test
    public void multiByteCharactersSplitAcrossChunksSurvive() {
        CappedOutput c = capped(1000);
        byte[] b = "héllo €".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            c.accept(false, b, i, 1);
        }
        c.flush();
        assertEquals("héllo €", out.toString());
    }

    @Test
    public void theCapCountsBothStreamsAndTheMarkerComesOnce() {
        CappedOutput c = capped(10);
        c.accept(false, "123456".getBytes(), 0, 6);
        c.accept(true, "abcdef".getBytes(), 0, 6);
        c.accept(false, "more".getBytes(), 0, 4);
        c.flush();
        assertEquals("123456", out.toString());
        assertEquals("abcd" + RunSpec.TRUNCATION_MARKER, err.toString());
        assertTrue(c.truncated());
        assertEquals(10, c.bytes());
    }

    @Test
    public void aDefaultCapAppliesWhenNoneIsGiven() {
        CappedOutput c = capped(0);
        byte[] big = new byte[(int) RunSpec.DEFAULT_MAX_OUTPUT_BYTES + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        c.accept(false, big, 0, big.length);
        assertEquals(RunSpec.DEFAULT_MAX_OUTPUT_BYTES + RunSpec.TRUNCATION_MARKER.length(), out.length());
    }
}
