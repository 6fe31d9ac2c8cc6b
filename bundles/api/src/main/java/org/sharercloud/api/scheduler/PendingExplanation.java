package org.sharercloud.api.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * "Why is my workload still pending?" for one pending replica, in the spirit of
 * {@code condor_q -better-analyze}: how many members were considered, how many were rejected for
 * each reason, and the verdict for (at most a bounded number of) individual members.
 *
 * @param workloadId       the workload
 * @param replica          the replica
 * @param evaluatedAt      when the analysis ran
 * @param strategy         the active strategy
 * @param membersTotal     members known to the coordinator
 * @param membersMatching  members that could take it right now
 * @param rejectedByReason count of members per reason (each member counted once, at its first failed check)
 * @param members          per-member verdicts, capped (see {@code explain.max.members}); matching members are omitted
 * @param preemptable      whether a lower-priority attempt could be evicted to make room
 * @param summary          one line for people, e.g. "no member has 64000m cpu free (largest: 8000m)"
 */
public record PendingExplanation(String workloadId, int replica, Instant evaluatedAt, String strategy,
        int membersTotal, int membersMatching, Map<RejectReason, Integer> rejectedByReason,
        List<MemberVerdict> members, boolean preemptable, String summary) {
}
