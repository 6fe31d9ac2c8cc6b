package org.sharercloud.api.workloads;

/** OSGi EventAdmin topics posted by the workloads module, and their property keys. */
public final class WorkloadEvents {
    /** A workload changed state; properties {@link #WORKLOAD_ID}, {@link #STATE} (a {@link WorkloadState} name). */
    public static final String STATE_CHANGED = "org/sharercloud/workloads/STATE_CHANGED";
    /**
     * What is placed on a member changed; properties {@link #MEMBER_ID}, {@link #CPU_MILLIS} and
     * {@link #MEMORY_MB} (longs, the new totals).
     */
    public static final String ALLOCATION_CHANGED = "org/sharercloud/workloads/ALLOCATION_CHANGED";
    /** All workload topics. */
    public static final String ALL = "org/sharercloud/workloads/*";

    public static final String WORKLOAD_ID = "workloadId";
    public static final String STATE = "state";
    public static final String MEMBER_ID = "memberId";
    public static final String CPU_MILLIS = "cpuMillis";
    public static final String MEMORY_MB = "memoryMb";

    private WorkloadEvents() {
    }
}
