package org.sharercloud.members.internal;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.SharingPolicy;

/**
 * The one place that says what a member offers. Totals are min(policy, hardware); free is
 * <ul>
 * <li>CPU: total − CPU placed on it − the owner's own load (ownerLoad × cores);</li>
 * <li>memory: total − memory placed on it, and never more than the machine has free right now
 * (physical − used, where "used" already includes what we placed) — an owner's memory use only
 * matters when it actually leaves less than the policy offers.</li>
 * </ul>
 * A member that does not accept new work (not ONLINE, or cordoned) has nothing free. Never negative.
 */
final class CapacityModel {
    private CapacityModel() {
    }

    static Capacity offered(HostInfo host, SharingPolicy policy, HostMetrics metrics, long placedCpuMillis,
            long placedMemoryMb, boolean acceptsWork) {
        if (host == null) {
            return Capacity.NONE;
        }
        double share = policy == null ? 1.0 : Math.min(1.0, policy.maxCpuShare());
        long hardwareCpu = host.cores() * 1000L;
        long cpuTotal = Math.min(hardwareCpu, Math.round(share * hardwareCpu));
        long memTotal = policy == null ? host.memoryMb() : Math.min(policy.maxMemoryMb(), host.memoryMb());
        if (!acceptsWork) {
            return new Capacity(cpuTotal, 0, memTotal, 0);
        }
        long ownerCpu = metrics == null ? 0 : Math.round(metrics.ownerLoad() * hardwareCpu);
        long cpuFree = cpuTotal - placedCpuMillis - ownerCpu;
        long memFree = memTotal - placedMemoryMb;
        if (metrics != null && metrics.memoryTotalMb() > 0) {
            memFree = Math.min(memFree, metrics.memoryTotalMb() - metrics.memoryUsedMb());
        }
        return new Capacity(cpuTotal, Math.max(0, cpuFree), memTotal, Math.max(0, memFree));
    }
}
