package org.sharercloud.api.workloads;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Members a pending replica must not be placed on: those where an earlier attempt of it was LOST or
 * FAILED, so that a retry goes elsewhere. Provided by the workloads module next to its
 * {@code SchedulingQueue}; the scheduler filters candidates with it ({@code bind} on an excluded
 * member is refused with 409).
 */
@ProviderType
public interface RetryExclusions {
    /** The excluded member ids, empty when none. */
    Set<String> excludedMembers(String workloadId, int replica);
}
