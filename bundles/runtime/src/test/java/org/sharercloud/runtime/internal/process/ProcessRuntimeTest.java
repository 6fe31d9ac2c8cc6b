package org.sharercloud.runtime.internal.process;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.RunHandle;
import org.sharercloud.api.runtime.RunResult;
import org.sharercloud.api.runtime.RunSpec;
import org.sharercloud.runtime.internal.Configs;
import org.sharercloud.runtime.internal.RecordingListener;
import org.sharercloud.runtime.internal.WorkDir;

/** The process runtime: refused when disabled; when enabled, plain processes with rlimits and the same caps. */
public class ProcessRuntimeTest {
    private Path workDir;
    private Path scratch;
    private ProcessRuntime runtime;

    @Before
    public void enabledRuntime() throws Exception {
        workDir = Files.createTempDirectory("sharer-process-test");
        scratch = Files.createTempDirectory("sharer-process-scratch");
        runtime = new ProcessRuntime(Configs.of(ProcessConfig.class, Map.of("enabled", true, "workDir", workDir.toString(),
                "maxOutputFilesBytes", 1L << 20)));
        assertTrue("setsid, nice, prlimit and kill are on this machine", runtime.available());
    }

    @After
    public void close() {
        runtime.deactivate();
        WorkDir.deleteTree(workDir);
        WorkDir.deleteTree(scratch);
    }

    private static String id() {
        return "p-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private RecordingListener run(String script, int memoryMb, int timeout, Map<String, byte[]> inputs, long cap) {
        RecordingListener l = new RecordingListener();
        runtime.start(new RunSpec(id(), "ignored/by-process:runtime", List.of("sh", "-c", script),
                Map.of("SCRATCH", scratch.toString()), 0, memoryMb, timeout, inputs, cap), l);
        return l;
    }

    @Test
    public void itsCpuCounterCoversRunningAndEndedRuns() throws Exception {
        assertEquals("nothing ran yet", 0, runtime.cpuNanos());
        RecordingListener l = run("timeout 1 sh -c 'while :; do :; done'; true", 0, 30, Map.of(), 0);
        l.awaitStarted(10);
        RunResult r = l.awaitResult(30);
        assertEquals(r.toString(), RunResult.SUCCEEDED, r.outcome());
        long used = runtime.cpuNanos();
        assertTrue("about a CPU-second burnt; counted " + used / 1e9 + " s, the run reported " + r.cpuSeconds(),
                used >= 300_000_000L && Math.abs(used / 1e9 - r.cpuSeconds()) < 0.05);
        run("true", 0, 30, Map.of(), 0).awaitResult(30);
        assertTrue("the counter never goes back", runtime.cpuNanos() >= used);
    }

    @Test
    public void disabledByDefaultAndRefusedWithAClearReason() {
        ProcessRuntime off = new ProcessRuntime(Configs.of(ProcessConfig.class, Map.of("workDir", workDir.toString())));
        try {
            assertFalse(off.available());
            off.start(new RunSpec(id(), "x", List.of("true"), Map.of(), 0, 0, 10, Map.of(), 0), new RecordingListener());
            throw new AssertionError("a disabled process runtime started a run");
        } catch (ApiException e) {
            assertEquals(409, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("enabled=true") && e.getMessage().contains(ProcessConfig.PID));
        } finally {
            off.deactivate();
        }
    }

    @Test
    public void aJobPrintsSucceedsAndItsFilesComeBack() throws Exception {
        RecordingListener l = run("cat \"$SHARER_INPUT/in.txt\"; echo err >&2; mkdir \"$SHARER_OUTPUT/d\"; echo result > \"$SHARER_OUTPUT/d/r.txt\";"
                + " stat -c %a \"$SHARER_INPUT/in.txt\"; pwd",
                64, 30, Map.of("in.txt", "hello\n".getBytes(StandardCharsets.UTF_8)), 0);
        RunResult r = l.awaitResult(30);
        assertEquals(r.toString(), RunResult.SUCCEEDED, r.outcome());
        String[] lines = l.stdout().split("\n");
        assertEquals("hello", lines[0]);
        assertEquals("inputs are read-only (for the agent's user; root ignores modes)", "444", lines[1]);
        assertTrue("runs in its private work folder: " + lines[2], lines[2].startsWith(workDir.toString()));
        assertEquals("err\n", l.stderr());
        assertNotNull(r.outputs());
        Map<String, String> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(r.outputs()))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                files.put(e.getName(), e.isDirectory() ? "<dir>" : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Map.of("d/", "<dir>", "d/r.txt", "result\n"), files);
        try (var left = Files.list(workDir)) {
            assertEquals("the work folder is removed", 0, left.count());
        }
    }

    @Test
    public void aFailingCommandIsFailedWithItsExitCode() throws Exception {
        RunResult r = run("exit 7", 64, 30, Map.of(), 0).awaitResult(30);
        assertEquals(RunResult.FAILED, r.outcome());
        assertEquals(7, r.exitCode());
    }

    @Test
    public void rlimitsApply() throws Exception {
        RecordingListener l = run("ulimit -v; ulimit -n", 96, 30, Map.of(), 0);
        assertEquals(RunResult.SUCCEEDED, l.awaitResult(30).outcome());
        assertEquals((96 * 1024) + "\n1024\n", l.stdout());
    }

    @Test
    public void aMemoryHogFailsAtItsAddressSpaceLimit() throws Exception {
        RecordingListener l = run("x=$(head -c 300000000 /dev/zero | tr '\\0' a); echo survived", 64, 30, Map.of(), 0);
        RunResult r = l.awaitResult(30);
        assertEquals(r.toString(), RunResult.FAILED, r.outcome());
        assertFalse(l.stdout().contains("survived"));
    }

    @Test
    public void aTimeoutKillsTheWholeTreeEvenAfterADoubleSetsid() throws Exception {
        String mark = "sharer-escape-" + UUID.randomUUID();
        RecordingListener l = run("sleep 300 & setsid sh -c 'setsid sh -c \"sleep 300; : " + mark + "\" & sleep 300; : " + mark + "' & sleep 300",
                64, 2, Map.of(), 0);
        RunResult r = l.awaitResult(30);
        assertEquals(RunResult.TIMED_OUT, r.outcome());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!survivors(mark).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("no process of the run survives", List.of(), survivors(mark));
    }

    @Test
    public void theSandboxHasNoNetworkNoOtherProcessesAndNoneOfTheAgentsFiles() throws Exception {
        Path secret = scratch.resolve("credential");
        Files.writeString(secret, "s3cret");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        RecordingListener l = run("echo net=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ,);"
                + " echo procs=$(ls /proc | grep -c '^[0-9]'); cat '" + secret + "' 2>/dev/null || echo no-credential;"
                + " ls /root /home 2>/dev/null | grep -q . && echo HOMES-VISIBLE; echo uid=$(id -u);"
                + " touch /usr/x 2>/dev/null && echo USR-WRITABLE; head -c 100000000 /dev/zero > /tmp/big 2>/dev/null; echo tmp=$(wc -c < /tmp/big)",
                64, 30, Map.of(), 0);
        RunResult r = l.awaitResult(30);
        assertEquals(r + " " + l.stderr(), RunResult.SUCCEEDED, r.outcome());
        String out = l.stdout();
        assertTrue("only loopback: " + out, out.contains("net=lo,\n"));
        int procs = Integer.parseInt(out.replaceAll("(?s).*procs=(\\d+).*", "$1"));
        assertTrue("only the sandbox's processes are visible: " + out, procs < 8);
        assertTrue("the agent's files are not there: " + out, out.contains("no-credential"));
        assertFalse(out, out.contains("s3cret") || out.contains("HOMES-VISIBLE") || out.contains("USR-WRITABLE"));
        assertFalse("never root: " + out, out.contains("uid=0\n"));
        long tmp = Long.parseLong(out.replaceAll("(?s).*tmp=(\\d+).*", "$1"));
        assertTrue("/tmp is capped at 64 MB: " + tmp, tmp <= 64L << 20);
    }

    @Test
    public void anUnreadableFolderDoesNotHideOutputsPastTheCapAndIsCleanedUp() throws Exception {
        RecordingListener l = run("mkdir \"$SHARER_OUTPUT/d\" && chmod 700 \"$SHARER_OUTPUT/d\";"
                + " head -c 900000 /dev/zero > \"$SHARER_OUTPUT/d/a\"; head -c 900000 /dev/zero > \"$SHARER_OUTPUT/d/b\";"
                + " chmod 000 \"$SHARER_OUTPUT/d\"; sleep 20", 64, 60, Map.of(), 0);
        RunResult r = l.awaitResult(30);
        assertEquals(r.toString(), RunResult.FAILED, r.outcome());
        assertTrue(r.reason(), r.reason().contains("over the cap of " + (1L << 20) + " bytes"));
        assertEquals(null, r.outputs());
        try (var left = Files.list(workDir)) {
            assertEquals("the work folder, unreadable folder included, is removed", 0, left.count());
        }
    }

    @Test
    public void withoutBubblewrapTheRuntimeIsUnavailableAndSaysWhy() {
        assertTrue(Bubblewrap.problem(false, "/nonexistent").contains("bubblewrap (bwrap) is not installed"));
        assertEquals("bwrap works on this machine", null, runtime.unavailableReason());
        ProcessRuntime none = new ProcessRuntime(Configs.of(ProcessConfig.class, Map.of("enabled", true, "sandbox", "none")));
        assertEquals("sandbox=none needs no bwrap", null, none.unavailableReason());
    }

    /** Host processes whose command line carries the mark. */
    private static List<Long> survivors(String mark) throws java.io.IOException {
        List<Long> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || !running(Long.parseLong(name))) {
                    continue;
                }
                try {
                    if (new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(mark)) {
                        found.add(Long.parseLong(name));
                    }
                } catch (java.io.IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return found;
    }

    /** Alive and not a zombie waiting for its (re)parent to reap it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    public void cancelKillsTheRun() throws Exception {
        RecordingListener l = new RecordingListener();
        RunHandle h = runtime.start(new RunSpec(id(), "x", List.of("sleep", "300"), Map.of(), 0, 64, 60, Map.of(), 0), l);
        l.awaitStarted(30);
        h.cancel();
        assertEquals(RunResult.CANCELLED, l.awaitResult(30).outcome());
    }

    @Test
    public void outputIsCappedWithAMarker() throws Exception {
        RecordingListener l = run("yes 0123456789 | head -c 100000", 64, 30, Map.of(), 500);
        assertEquals(RunResult.SUCCEEDED, l.awaitResult(30).outcome());
        assertEquals("0123456789\n".repeat(45) + "01234", l.stdout().replace(RunSpec.TRUNCATION_MARKER, ""));
        assertTrue(l.stdout().endsWith(RunSpec.TRUNCATION_MARKER));
    }

    @Test
    public void cpuUsageIsMeasured() throws Exception {
        RunResult r = run("i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done", 64, 60, Map.of(), 0).awaitResult(60);
        assertEquals(RunResult.SUCCEEDED, r.outcome());
        assertTrue("cpu " + r.cpuSeconds(), r.cpuSeconds() > 0);
        assertTrue("memory " + r.peakMemoryMb(), r.peakMemoryMb() > 0);
    }

    @Test
    public void anEmptyCommandIsRefused() {
        try {
            runtime.start(new RunSpec(id(), "x", List.of(), Map.of(), 0, 64, 60, Map.of(), 0), new RecordingListener());
            throw new AssertionError("accepted an empty command");
        } catch (ApiException e) {
            assertEquals("command", e.field());
        }
    }

    @Test
    public void cleanupKillsWhatAnAgentKilledHardLeftRunningAndDeletesItsFolders() throws Exception {
        Path left = Files.createDirectories(workDir.resolve("attempt-of-a-dead-agent"));
        // what setsid leaves behind when the agent's JVM dies with kill -9: a process group of its own, still running
        Process orphan = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & sleep 300").directory(left.toFile()).start();
        ProcessHandle h = orphan.toHandle();
        Thread.sleep(300);
        Process bystander = new ProcessBuilder("sleep", "300").directory(workDir.toFile()).start(); // the base itself: not a run
        try {
            assertTrue(runtime.cleanup() >= 1);
            assertTrue("the orphan is killed", orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue("with what it started", h.descendants().noneMatch(ProcessHandle::isAlive));
            assertFalse("its folder is deleted", Files.exists(left));
            assertTrue("a process outside the runs' folders is left alone", bystander.isAlive());
        } finally {
            bystander.destroyForcibly();
            orphan.destroyForcibly();
        }
    }
}
