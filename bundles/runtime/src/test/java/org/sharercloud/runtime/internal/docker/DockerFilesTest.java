package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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

    /**
     * A contributor in a container drives the host's engine through its socket, and the engine cannot see the agent's
     * folders: the run may mount nothing from the agent's file system (no mount of type bind), only engine volumes
     * (inputs, outputs) and tmpfs; the inputs still arrive, and their volume goes with the run.
     */
    @Test
    public void inputsAndOutputsAreEngineVolumesNeverAgentFolders() throws Exception {
        String id = DockerTestSupport.id();
        RecordingListener l = new RecordingListener();
        var handle = docker.runtime.start(new RunSpec(id, DockerTestSupport.IMAGE, List.of("sh", "-c",
                "cat /input/in.txt; echo ready; sleep 30"), Map.of(), 0, 64, 60,
                Map.of("in.txt", "through the archive API\n".getBytes(StandardCharsets.UTF_8)), 0), l);
        l.awaitStarted(60);
        var run = docker.engine().client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(org.sharercloud.api.runtime.WorkloadRuntime.LABEL_ATTEMPT, id, Engine.LABEL_KIND, "run")).exec();
        assertEquals(1, run.size());
        var inspected = docker.engine().client.inspectContainerCmd(run.get(0).getId()).exec();
        Map<String, String> mounts = new TreeMap<>();
        inspected.getMounts().forEach(m -> mounts.put(m.getDestination().getPath(),
                (m.getName() == null ? "" : m.getName().replaceAll("-" + id + "-.*", "")) + "/" + m.getDriver() + (Boolean.TRUE.equals(m.getRW()) ? ":rw" : ":ro")));
        assertEquals("only engine volumes, no host folder", Map.of("/input", "sharer-in/local:ro", "/output", "sharer-out/local:rw"), mounts);
        for (var bind : inspected.getHostConfig().getBinds()) {
            assertFalse("a bind source is a volume name, not a path: " + bind, bind.getPath().startsWith("/"));
        }
        assertEquals("the input volume exists while the run does", 1, docker.engine().client.listVolumesCmd()
                .withFilter("label", List.of(org.sharercloud.api.runtime.WorkloadRuntime.LABEL_ATTEMPT + "=" + id, Engine.LABEL_KIND + "=input"))
                .exec().getVolumes().size());
        for (int i = 0; i < 300 && !l.stdout().contains("ready"); i++) {
            Thread.sleep(100);
        }
        handle.cancel();
        RunResult r = l.awaitResult(60);
        assertEquals(RunResult.CANCELLED, r.outcome());
        assertEquals("through the archive API\nready\n", l.stdout());
        docker.assertGone(id);
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
