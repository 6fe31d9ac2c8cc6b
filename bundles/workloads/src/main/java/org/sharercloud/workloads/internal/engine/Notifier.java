package org.sharercloud.workloads.internal.engine;

import java.util.Map;

import org.sharercloud.api.scheduler.SchedulerEvents;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.WorkloadEvents;
import org.sharercloud.api.workloads.WorkloadState;

/** Where the engine's events go: EventAdmin in OSGi, a recorder in tests. Never throws. */
public interface Notifier {
    /** Posts an event (asynchronously). */
    void post(String topic, Map<String, Object> properties);

    /** Asks the scheduler for a pass. */
    default void triggerScheduler() {
        post(SchedulerEvents.TRIGGER, Map.of());
    }

    default void workloadState(String workloadId, WorkloadState state) {
        post(WorkloadEvents.STATE_CHANGED, Map.of(WorkloadEvents.WORKLOAD_ID, workloadId, WorkloadEvents.STATE, state.name()));
    }

    default void allocation(String memberId, Allocation a) {
        post(WorkloadEvents.ALLOCATION_CHANGED, Map.of(WorkloadEvents.MEMBER_ID, memberId, WorkloadEvents.CPU_MILLIS, a.cpuMillis(),
                WorkloadEvents.MEMORY_MB, a.memoryMb()));
    }

    Notifier NONE = (topic, properties) -> { };
}
