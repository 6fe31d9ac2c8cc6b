package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;

/** Sanity of the real probe on this machine. */
public class OshiHostProbeTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void hostAndMetricsAreSane() throws Exception {
        OshiHostProbe probe = new OshiHostProbe("mid-1", tmp.getRoot().toPath(), "unix://" + tmp.getRoot().toPath().resolve("no.sock"),
                OshiHostProbe::jvmCpuNanos, Map.of("zone", "home", "gpu", "custom"));
        HostInfo host = probe.host();
        assertEquals("mid-1", host.machineId());
        assertTrue(host.cores() > 0);
        assertTrue(host.memoryMb() > 0);
        assertTrue(host.diskMb() > 0);
        assertFalse(host.hostname().isBlank());
        assertFalse(host.os().isBlank());
        assertEquals(System.getProperty("os.arch"), host.arch());
        assertFalse("no socket, no docker", host.dockerAvailable());
        assertEquals("false", host.labels().get("docker"));
        assertEquals("configured labels win", "custom", host.labels().get("gpu"));
        assertEquals("home", host.labels().get("zone"));
        assertEquals(OshiHostProbe.osLabel(System.getProperty("os.name")), host.labels().get("os"));
        assertEquals("linux", OshiHostProbe.osLabel("Linux"));
        assertEquals("windows", OshiHostProbe.osLabel("Windows 11"));
        assertEquals("mac", OshiHostProbe.osLabel("Mac OS X"));

        burn(200);
        HostMetrics m = probe.sample();
        assertInUnit("cpuLoad", m.cpuLoad());
        assertInUnit("ownerLoad", m.ownerLoad());
        assertTrue("owner load never exceeds machine load", m.ownerLoad() <= m.cpuLoad());
        assertTrue(m.memoryTotalMb() == host.memoryMb());
        assertTrue(m.memoryUsedMb() > 0 && m.memoryUsedMb() <= m.memoryTotalMb());
        assertTrue(m.diskFreeMb() > 0);
        assertTrue(m.uptimeSeconds() > 0);

        HostMetrics again = probe.sample();
        assertInUnit("cpuLoad", again.cpuLoad());
        assertInUnit("ownerLoad", again.ownerLoad());
    }

    @Test
    public void jvmCpuTimeIsMeasured() {
        long before = OshiHostProbe.jvmCpuNanos();
        burn(100);
        assertTrue(OshiHostProbe.jvmCpuNanos() > before);
    }

    private static void assertInUnit(String what, double v) {
        assertTrue(what + " = " + v, v >= 0 && v <= 1 && !Double.isNaN(v));
    }

    private static long burn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        return x;
    }
}
