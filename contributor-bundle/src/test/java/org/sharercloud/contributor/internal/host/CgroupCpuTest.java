package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;

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
        Files.createDirectories(root.resolve("sharer"));
        Files.writeString(root.resolve("sharer/cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        assertEquals(1_500_000L, new CgroupCpu(root, "sharer").nanos());
        assertEquals("a leading slash is accepted", 1_500_000L, new CgroupCpu(root, "/sharer").nanos());
    }

    @Test
    public void readsCgroupV1Usage() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve("cpu,cpuacct/sharer"));
        Files.writeString(root.resolve("cpu,cpuacct/sharer/cpuacct.usage"), "123456789\n");
        assertEquals(123_456_789L, new CgroupCpu(root, "sharer").nanos());
    }

    @Test
    public void missingOrDisabledCgroupCountsAsNothing() throws Exception {
        Path root = tmp.getRoot().toPath();
        assertEquals(0, new CgroupCpu(root, "sharer").nanos());
        Files.createDirectories(root.resolve("cpuacct/sharer"));
        Files.writeString(root.resolve("cpuacct/sharer/cpuacct.usage"), "garbage");
        assertEquals(0, new CgroupCpu(root, "sharer").nanos());
        Files.writeString(root.resolve("cpuacct/sharer/cpuacct.usage"), "99");
        assertEquals(0, new CgroupCpu(root, "").nanos());
    }
}
