package org.sharercloud.api.members;

/**
 * What the owner of a machine agreed to share.
 * <p>
 * The owner counts as active (the member turns DRAINING) once their own load has stayed above
 * {@code ownerActiveThreshold} in every heartbeat for {@code ownerActiveSeconds}, and as idle again once it
 * has stayed at or below {@code ownerActiveThreshold − ownerIdleMargin} for {@code ownerIdleSeconds}: a
 * member does not flip on one noisy sample. Zeros (what an agent that does not send these fields gets) mean
 * no hysteresis: paused exactly while the last sample is above the threshold. These three are boxed only so
 * that JSON without them reads as zero; the accessors never return {@code null}.
 *
 * @param maxCpuShare          fraction of the machine's cores that may be used, 0..1
 * @param maxMemoryMb          memory that may be used by workloads
 * @param sharingHours         local hours when sharing is allowed, e.g. {@code "0-24"} or {@code "22-7"}
 * @param pauseWhenOwnerActive stop accepting work while the owner's own load exceeds the threshold
 * @param ownerActiveThreshold owner CPU load (0..1) above which the owner counts as active
 * @param ownerActiveSeconds   how long the owner's load must stay above the threshold before sharing pauses, 0..3600
 * @param ownerIdleSeconds     how long it must stay at or below threshold − margin before sharing resumes, 0..3600
 * @param ownerIdleMargin      how far below the threshold the owner's load must fall to count as idle, 0..1
 */
public record SharingPolicy(double maxCpuShare, long maxMemoryMb, String sharingHours, boolean pauseWhenOwnerActive,
        double ownerActiveThreshold, Integer ownerActiveSeconds, Integer ownerIdleSeconds, Double ownerIdleMargin) {

    public SharingPolicy {
        ownerActiveSeconds = ownerActiveSeconds == null ? 0 : ownerActiveSeconds;
        ownerIdleSeconds = ownerIdleSeconds == null ? 0 : ownerIdleSeconds;
        ownerIdleMargin = ownerIdleMargin == null ? 0.0 : ownerIdleMargin;
    }

    /** A policy without hysteresis (paused exactly while the owner's last load sample is above the threshold). */
    public SharingPolicy(double maxCpuShare, long maxMemoryMb, String sharingHours, boolean pauseWhenOwnerActive,
            double ownerActiveThreshold) {
        this(maxCpuShare, maxMemoryMb, sharingHours, pauseWhenOwnerActive, ownerActiveThreshold, 0, 0, 0.0);
    }

    /** Share everything, always. */
    public static SharingPolicy unrestricted(long memoryMb) {
        return new SharingPolicy(1.0, memoryMb, "0-24", false, 1.0);
    }
}
