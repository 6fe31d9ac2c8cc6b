package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Processes configured as ours, found on this machine by pid, pid file and command line. */
public class ExcludedProcessesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Process busy(String marker) throws Exception {
        // a shell burning CPU, recognisable by the marker in its command line
        return new ProcessBuilder("sh", "-c", "while :; do :; done # " + marker).start();
    }

    @Test
    public void findsByPidPidFileAndCommandLineAndMeasuresTheirCpu() throws Exception {
        String marker = "excluded-test-" + System.nanoTime();
        Process a = busy(marker + "-a");
        Process b = busy(marker + "-b");
        Process c = busy(marker + "-c");
        try {
            Path pidFile = tmp.getRoot().toPath().resolve("karaf.pid");
            Files.writeString(pidFile, b.pid() + "\n");
            AtomicLong clock = new AtomicLong();
            ExcludedProcesses p = new ExcludedProcesses(List.of(Long.toString(a.pid()), pidFile.toString(), marker + "-c",
                    Long.toString(ProcessHandle.current().pid())), clock::get);
            assertFalse(p.isEmpty());
            assertEquals("our own JVM is counted apart, never here", Set.of(a.pid(), b.pid(), c.pid()), p.current());
            Map<Object, Long> first = read(p);
            Thread.sleep(300);
            Map<Object, Long> second = read(p);
            assertEquals(3, second.size());
            for (Object k : second.keySet()) {
                assertTrue("the same process keeps its key", first.containsKey(k));
                assertTrue("each burns CPU: " + k, second.get(k) > first.get(k));
            }
            Files.writeString(pidFile, "not a pid");
            assertEquals("an unreadable pid file is skipped", Set.of(a.pid(), c.pid()), p.current());
            c.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertEquals("matched processes are remembered until the next scan", Set.of(a.pid(), c.pid()), p.current());
            assertEquals("a process that is gone reports nothing", 1, read(p).size());
            clock.addAndGet(ExcludedProcesses.RESCAN.toNanos());
            assertEquals(Set.of(a.pid()), p.current());
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
            c.destroyForcibly();
        }
    }

    @Test
    public void cgroupEntriesCountTheWholeCgroup() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve("system.slice/coord.service"));
        Files.writeString(root.resolve("system.slice/coord.service/cpu.stat"), "usage_usec 2500\nuser_usec 2000\n");
        Files.createDirectories(root.resolve("cpuacct"));
        Files.writeString(root.resolve("cpuacct/cpuacct.usage"), "777\n");
        ExcludedProcesses p = new ExcludedProcesses(List.of("cgroup:system.slice/coord.service", "cgroup:/", "cgroup:/missing"),
                System::nanoTime, root);
        assertFalse(p.isEmpty());
        Map<String, Long> byName = new HashMap<>();
        p.read((k, v) -> byName.put(k.toString(), v));
        assertEquals(Map.of("cgroup:system.slice/coord.service", 2_500_000L, "cgroup:/", 777L, "cgroup:/missing", -1L), byName);
    }

    @Test
    public void pidFilesHoldOnlyAPid() throws Exception {
        Path f = tmp.getRoot().toPath().resolve("x.pid");
        assertEquals(Optional.empty(), ExcludedProcesses.pidIn(f));
        Files.writeString(f, " 123 \n");
        assertEquals(Optional.of(123L), ExcludedProcesses.pidIn(f));
        Files.writeString(f, "-5");
        assertEquals(Optional.empty(), ExcludedProcesses.pidIn(f));
        assertTrue(new ExcludedProcesses(List.of(), System::nanoTime).isEmpty());
    }

    private static Map<Object, Long> read(ExcludedProcesses p) {
        Map<Object, Long> out = new HashMap<>();
        p.read(out::put);
        return out;
    }
}
