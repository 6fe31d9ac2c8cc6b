package org.sharercloud.api.members;

/**
 * What the owner of a machine agreed to share.
 *
 * @param maxCpuShare          fraction of the machine's cores that may be used, 0..1
 * @param maxMemoryMb          memory that may be used by workloads
 * @param sharingHours         local hours when sharing is allowed, e.g. {@code "0-24"} or {@code "22-7"}
 * @param pauseWhenOwnerActive stop accepting work while the owner's own load exceeds the threshold
 * @param ownerActiveThreshold owner CPU load (0..1) above which the owner counts as active
 */
public record SharingPolicy(double maxCpuShare, long maxMemoryMb, String sharingHours, boolean pauseWhenOwnerActive,
        double ownerActiveThreshold) {
    /** Share everything, always. */
    public static SharingPolicy unrestricted(long memoryMb) {
        return new SharingPolicy(1.0, memoryMb, "0-24", false, 1.0);
    }
}
