package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.junit.Test;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.SharingPolicy;

public class CapacityModelTest {
    private static final HostInfo HOST = new HostInfo("m", "h", "Linux", "amd64", 4, 8192, 0, true, Map.of());

    @Test
    public void hardwareCapsThePolicyAndOwnerLoadAndPlacementsAreSubtracted() {
        SharingPolicy generous = new SharingPolicy(1.0, 100_000, "0-24", false, 1);
        HostMetrics idle = new HostMetrics(0.0, 0.0, 0, 8192, 0, 0);
        assertEquals(new Capacity(4000, 4000, 8192, 8192), CapacityModel.offered(HOST, generous, idle, 0, 0, true));
        HostMetrics owner = new HostMetrics(0.5, 0.25, 2048, 8192, 0, 0);
        assertEquals(new Capacity(4000, 2000, 8192, 6144), CapacityModel.offered(HOST, generous, owner, 1000, 1024, true));
    }

    @Test
    public void policyCapsTheHardwareAndMemoryIsNeverMoreThanTheMachineHasFree() {
        SharingPolicy half = new SharingPolicy(0.5, 2048, "0-24", false, 1);
        HostMetrics full = new HostMetrics(0.9, 0.0, 7680, 8192, 0, 0);
        assertEquals(new Capacity(2000, 2000, 2048, 512), CapacityModel.offered(HOST, half, full, 0, 0, true));
    }

    @Test
    public void neverNegativeAndNothingFreeWhenNotAcceptingWork() {
        SharingPolicy half = new SharingPolicy(0.5, 2048, "0-24", false, 1);
        HostMetrics busy = new HostMetrics(1.0, 0.9, 0, 8192, 0, 0);
        assertEquals(new Capacity(2000, 0, 2048, 0), CapacityModel.offered(HOST, half, busy, 0, 4096, true));
        assertEquals(new Capacity(2000, 0, 2048, 0), CapacityModel.offered(HOST, half, null, 0, 0, false));
        assertEquals(Capacity.NONE, CapacityModel.offered(null, half, null, 0, 0, true));
    }
}
