package org.sharercloud.scheduler.internal.feasibility;

import java.util.Map;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.RuntimeStatus;

/**
 * What the {@link Checker}s read about member {@code i} of a group: the member itself (state, cordon,
 * policy, metrics) and the facts placement depends on. A {@link MemberList} answers from the members as
 * the members module reported them; the scheduler's candidate pool from its flat arrays, with what the
 * current pass has already placed subtracted from the free capacity.
 */
public interface MemberFacts {
    int size();

    String id(int i);

    /** The member as reported (for the member-level checks: state, cordon, sharing policy, metrics). */
    Member member(int i);

    /** Its labels, never null. */
    Map<String, String> labels(int i);

    /** Which workload runtimes work there now, never null. */
    Map<String, RuntimeStatus> runtimes(int i);

    long cpuFree(int i);

    long memoryFree(int i);

    long cpuTotal(int i);

    long memoryTotal(int i);
}
