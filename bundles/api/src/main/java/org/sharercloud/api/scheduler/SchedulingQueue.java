package org.sharercloud.api.scheduler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The work the scheduler places, as provided by the workloads module (the scheduler only reads and
 * binds through this service; it owns no workload state). All methods may be called from the
 * scheduler's single thread only, one pass at a time.
 */
@ProviderType
public interface SchedulingQueue {
    /**
     * Demands waiting for a member: one per pending replica, highest {@link Demand#priority()} first,
     * then oldest {@link Demand#submittedAt()} first.
     */
    List<Demand> pending();

    /**
     * Places a demand: records a SCHEDULED attempt on the member with a new fencing token and the
     * reason the scheduler chose it, and hands it to the member's agent.
     *
     * <p>The member must not be one of the demand's {@link Demand#excludedMembers()} (409). The scheduler
     * passes the demand as {@link #pending()} gave it, or {@link Demand#withoutExclusions()} when it lifted the
     * exclusions: every member that could run the replica is excluded and it has waited the back-off.
     *
     * @return the new attempt id
     * @throws org.sharercloud.api.ApiException 409 when the demand is no longer pending (cancelled meanwhile)
     *                                          or the member is excluded
     */
    String bind(Demand demand, String memberId, String reason);

    /** Attempts currently holding resources (SCHEDULED or RUNNING), on all members. */
    List<RunningAttempt> running();

    /**
     * Evicts an attempt for a higher-priority demand: the attempt becomes PREEMPTED, its agent is told
     * to stop it, and its replica goes back to PENDING without using up a retry.
     *
     * @throws org.sharercloud.api.ApiException 409 when the attempt is already final
     */
    void preempt(String attemptId, String reason);
}
