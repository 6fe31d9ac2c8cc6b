package org.sharercloud.scheduler.internal.loop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.RejectReason;
import org.sharercloud.api.scheduler.RunningAttempt;

/** Explains, member by member and reason by reason, why a pending demand is not placed. */
public final class PendingAnalyzer {
    private PendingAnalyzer() {
    }

    /**
     * @param strategy   the active strategy, or null when none is registered
     * @param running    attempts holding resources, to tell whether preemption could help
     * @param maxMembers cap on per-member verdicts in the answer
     */
    public static PendingExplanation explain(Demand d, List<Member> members, PlacementStrategy strategy,
            List<RunningAttempt> running, int localHour, Instant now, int maxMembers) {
        CandidatePool pool = CandidatePool.of(members, localHour);
        Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
        List<MemberVerdict> verdicts = new ArrayList<>();
        for (MemberVerdict v : pool.excluded()) {
            counts.merge(v.reason(), 1, Integer::sum);
            add(verdicts, v, maxMembers);
        }
        int matching = 0;
        long largestCpu = 0;
        for (int i = 0; i < pool.size(); i++) {
            MemberVerdict v = pool.verdict(i, d);
            if (v == null && strategy != null && !(strategy.score(d, pool.candidate(i)) > Double.NEGATIVE_INFINITY)) {
                v = new MemberVerdict(pool.id(i), RejectReason.REFUSED_BY_STRATEGY, strategy.name() + " refuses it");
            }
            if (v == null) {
                matching++;
                continue;
            }
            largestCpu = Math.max(largestCpu, pool.candidate(i).capacity().cpuMillisFree());
            counts.merge(v.reason(), 1, Integer::sum);
            add(verdicts, v, maxMembers);
        }
        boolean preemptable = matching == 0
                && Preemptor.plan(d, pool, SchedulingPass.byMember(running)) != null;
        String summary = summary(d, members.size(), matching, counts, largestCpu, preemptable, strategy);
        return new PendingExplanation(d.workloadId(), d.replica(), now, strategy == null ? null : strategy.name(),
                members.size(), matching, counts, verdicts, preemptable, summary);
    }

    private static void add(List<MemberVerdict> verdicts, MemberVerdict v, int max) {
        if (verdicts.size() < max) {
            verdicts.add(v);
        }
    }

    private static String summary(Demand d, int total, int matching, Map<RejectReason, Integer> counts,
            long largestCpu, boolean preemptable, PlacementStrategy strategy) {
        if (total == 0) {
            return "no members have joined";
        }
        if (strategy == null) {
            return matching + " of " + total + " members could take it, but no placement strategy is registered";
        }
        if (matching > 0) {
            return matching + " of " + total + " members can take it now; the next scheduling pass will place it";
        }
        String reasons = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
        String cpu = counts.containsKey(RejectReason.INSUFFICIENT_CPU)
                ? "; largest free cpu " + largestCpu + "m, needs " + d.cpuMillis() + "m" : "";
        String pre = preemptable ? "; it may preempt lower-priority work" : "";
        return "none of " + total + " members fits: " + reasons + cpu + pre;
    }
}
