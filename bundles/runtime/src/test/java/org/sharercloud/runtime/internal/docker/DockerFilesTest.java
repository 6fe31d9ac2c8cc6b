package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.RecordingListener;

/** Inputs under /input, outputs from /output as an archive, and the caps on both output kinds. */
public class DockerFilesTest {
    private static DockerTestSupport docker;

    @BeforeClass
    public static void engine() throws Exception {
        docker = new DockerTestSupport(Map.of("maxOutputFilesBytes", 1L << 20));
    }

    @AfterClass
    public static void close() {
        if (docker != null) {
            docker.close();
        }
    }

    private static RecordingListener run(String command, Map<String, byte[]> inputs, long maxOutput) throws Exception {
        RecordingListener l = new RecordingListener();
        docker.runtime.start(new RunSpec(DockerTestSupport.id(), DockerTestSupport.IMAGE, List.of("sh", "-c", command),
                Map.of(), 0, 64, 60, inputs, maxOutput), l);
        return l;
    }

    static Map<String, String> untar(byte[] archive) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                files.put(e.getName(), e.isDirectory() ? "<dir>" : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    public void outputsComeBackAsAnArchiveWithAStableHash() throws Exception {
        String cmd = "mkdir -p /output/d && echo data > /output/d/a.txt && printf x > /output/b && ln -s /etc/passwd /output/link";
        RecordingListener first = run(cmd, Map.of(), 0);
        RecordingListener second = run(cmd, Map.of(), 0);
        RunResult a = first.awaitResult(60);
        RunResult b = second.awaitResult(60);
        assertEquals(RunResult.SUCCEEDED, a.outcome());
        assertNotNull(a.outputs());
        assertEquals(Map.of("b", "x", "d/", "<dir>", "d/a.txt", "data\n"), untar(a.outputs()));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a.outputs())), a.outputsSha256());
        assertEquals("equal outputs of two attempts hash the same", a.outputsSha256(), b.outputsSha256());
    }

    @Test
    public void aRunWritingNothingHasNoOutputs() throws Exception {
        RunResult r = run("true", Map.of(), 0).awaitResult(60);
        assertEquals(RunResult.SUCCEEDED, r.outcome());
        assertNull(r.outputs());
        assertNull(r.outputsSha256());
    }

    @Test
    public void outputsOverTheirCapFailTheRun() throws Exception {
        RunResult r = run("head -c 3000000 /dev/zero > /output/big", Map.of(), 0).awaitResult(60);
        assertEquals(RunResult.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("over the cap of 1048576 bytes"));
        assertNull(r.outputs());
    }

    @Test
    public void inputsAreVisibleAndReadOnly() throws Exception {
        RecordingListener l = run("cat /input/in.txt /input/sub/more.txt; echo changed > /input/in.txt || echo READ-ONLY;"
                + " touch /input/new || echo NO-NEW-FILES",
                Map.of("in.txt", "hello input\n".getBytes(StandardCharsets.UTF_8), "sub/more.txt", "more\n".getBytes(StandardCharsets.UTF_8)), 0);
        assertEquals(RunResult.SUCCEEDED, l.awaitResult(60).outcome());
        assertEquals("hello input\nmore\nREAD-ONLY\nNO-NEW-FILES\n", l.stdout());
    }

    @Test
    public void capturedOutputIsCappedWithOneTruncationMarker() throws Exception {
        RecordingListener l = run("yes 0123456789 | head -c 100000; echo tail-of-stderr >&2", Map.of(), 1000);
        assertEquals(RunResult.SUCCEEDED, l.awaitResult(60).outcome());
        String all = l.stdout() + l.stderr();
        String withoutMarker = all.replace(RunSpec.TRUNCATION_MARKER, "");
        assertEquals("one marker", all.length() - RunSpec.TRUNCATION_MARKER.length(), withoutMarker.length());
        assertEquals("exactly the cap is kept", 1000, withoutMarker.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(l.stdout().startsWith("0123456789\n0123456789\n"));
    }
}
