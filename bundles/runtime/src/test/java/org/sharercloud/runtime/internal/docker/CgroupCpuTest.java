package org.sharercloud.runtime.internal.docker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CgroupCpuTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void readsCgroupV2Usage() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.createDirectories(root.resolve("sharer.slice"));
        Files.writeString(root.resolve("sharer.slice/cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        assertEquals(1_500_000L, new CgroupCpu(root, "sharer.slice").nanos());
        assertEquals("a leading slash is accepted", 1_500_000L, new CgroupCpu(root, "/sharer.slice").nanos());
        assertEquals("v2, not created yet: nothing ran", 0, new CgroupCpu(root, "sharer").nanos());
    }

    @Test
    public void readsCgroupV1Usage() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve("cpu,cpuacct/sharer"));
        Files.writeString(root.resolve("cpu,cpuacct/sharer/cpuacct.usage"), "123456789\n");
        assertEquals(123_456_789L, new CgroupCpu(root, "sharer").nanos());
        Files.createDirectories(root.resolve("cpuacct/sharer"));
        Files.writeString(root.resolve("cpuacct/sharer/cpuacct.usage"), "42\n");
        assertEquals("separate cpuacct hierarchy (this machine's layout)", 42L, new CgroupCpu(root, "/sharer").nanos());
    }

    @Test
    public void absentIsZeroUnreadableOrInvisibleIsUnknown() throws Exception {
        Path root = tmp.getRoot().toPath();
        assertEquals("no cgroup hierarchy visible", -1, new CgroupCpu(root, "sharer").nanos());
        Files.createDirectories(root.resolve("cpuacct"));
        assertEquals("hierarchy, no parent yet", 0, new CgroupCpu(root, "sharer").nanos());
        Files.createDirectories(root.resolve("cpuacct/sharer"));
        Files.writeString(root.resolve("cpuacct/sharer/cpuacct.usage"), "garbage");
        assertEquals(-1, new CgroupCpu(root, "sharer").nanos());
    }

    @Test
    public void theParentFollowsTheDriverUnlessConfigured() {
        assertEquals("/sharer", CgroupCpu.parent("", "cgroupfs"));
        assertEquals("sharer.slice", CgroupCpu.parent(null, "systemd"));
        assertEquals("/sharer", CgroupCpu.parent(" ", null));
        assertEquals("/mine", CgroupCpu.parent("/mine", "cgroupfs"));
        assertNull(CgroupCpu.parent("none", "systemd"));
    }

    @Test
    public void slicesExpandToTheirNesting() {
        assertEquals("sharer", CgroupCpu.relativePath("/sharer"));
        assertEquals("sharer/work", CgroupCpu.relativePath("/sharer/work"));
        assertEquals("sharer.slice", CgroupCpu.relativePath("sharer.slice"));
        assertEquals("sharer.slice/sharer-it.slice", CgroupCpu.relativePath("sharer-it.slice"));
        assertEquals("a.slice/a-b.slice/a-b-c.slice", CgroupCpu.relativePath("a-b-c.slice"));
    }
}
