package org.sharercloud.api.workloads;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the workloads module has placed on each member right now: attempts SCHEDULED or RUNNING and
 * reserved workers, so that the members module's capacity model can subtract it. Changes are also
 * posted on {@link WorkloadEvents#ALLOCATION_CHANGED}.
 */
@ProviderType
public interface AllocationTracker {
    /** Members with anything placed on them; absent members have nothing. */
    Map<String, Allocation> byMember();

    /** What is placed on one member ({@link Allocation#NONE} when nothing). */
    default Allocation of(String memberId) {
        return byMember().getOrDefault(memberId, Allocation.NONE);
    }
}
