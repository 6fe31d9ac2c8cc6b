package org.sharercloud.api.scheduler;

import java.time.Instant;

/**
 * An attempt holding resources on a member (SCHEDULED or RUNNING), as preemption sees it.
 *
 * @param attemptId   attempt id
 * @param workloadId  its workload
 * @param memberId    where it runs
 * @param cpuMillis   CPU it holds
 * @param memoryMb    memory it holds
 * @param priority    its workload's priority
 * @param scheduledAt when it was bound (newer attempts are evicted first: less work is lost)
 */
public record RunningAttempt(String attemptId, String workloadId, String memberId, int cpuMillis, int memoryMb,
        int priority, Instant scheduledAt) {
}
