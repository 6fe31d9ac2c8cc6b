package org.sharercloud.api.members;

/**
 * What a member offers now: min(policy, hardware) minus what is already placed there minus the
 * owner's own load. Computed in one place (the members module); the scheduler reads it.
 */
public record Capacity(long cpuMillisTotal, long cpuMillisFree, long memoryMbTotal, long memoryMbFree) {
    public static final Capacity NONE = new Capacity(0, 0, 0, 0);
}
