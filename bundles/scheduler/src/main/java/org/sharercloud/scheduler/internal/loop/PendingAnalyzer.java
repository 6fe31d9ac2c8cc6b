package org.sharercloud.scheduler.internal.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.RuntimeStatus;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;
import org.sharercloud.scheduler.internal.feasibility.MemberList;
import org.sharercloud.scheduler.internal.feasibility.RuntimeChecker;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.api.scheduler.RejectReason;
import org.sharercloud.api.scheduler.RunningAttempt;

/**
 * Explains, member by member and reason by reason, why a pending demand is not placed: each member's
 * verdict is the {@link Feasibility} chain's, over the same pool a pass builds, so "why pending" and the
 * pass cannot disagree. The summary
 * tells apart what waiting cannot fix (no member runs the workload's runtime; larger than any member
 * could ever offer) from what it can (busy members, owners at their machines), and says when a replica
 * whose every possible member is excluded may go back to them ({@link ExclusionBackoff}).
 */
public final class PendingAnalyzer {
    private PendingAnalyzer() {
    }

    /** As {@link #explain(Demand, List, PlacementStrategy, List, int, Instant, int, Duration)} with the default back-off. */
    public static PendingExplanation explain(Demand d, List<Member> members, PlacementStrategy strategy,
            List<RunningAttempt> running, int localHour, Instant now, int maxMembers) {
        return explain(d, members, strategy, running, localHour, now, maxMembers, ExclusionBackoff.DEFAULT);
    }

    /**
     * @param strategy         the active strategy, or null when none is registered
     * @param running          attempts holding resources, to tell whether preemption could help
     * @param maxMembers       cap on per-member verdicts in the answer
     * @param exclusionBackoff the scheduler's back-off before excluded members may take a replica again
     */
    public static PendingExplanation explain(Demand pending, List<Member> members, PlacementStrategy strategy,
            List<RunningAttempt> running, int localHour, Instant now, int maxMembers, Duration exclusionBackoff) {
        Demand d = pending;
        Instant liftAt = new ExclusionBackoff(members, exclusionBackoff).liftAt(d);
        boolean lifted = liftAt != null && !liftAt.isAfter(now);
        if (lifted) {
            d = d.withoutExclusions(); // what the next pass does with it
        }
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
            MemberVerdict v = Feasibility.demandVerdict(pool, i, d);
            if (v == null && strategy != null && !(strategy.score(d, pool.candidate(i)) > Double.NEGATIVE_INFINITY)) {
                v = new MemberVerdict(pool.id(i), RejectReason.REFUSED_BY_STRATEGY, strategy.name() + " refuses it");
            }
            if (v == null) {
                matching++;
                continue;
            }
            largestCpu = Math.max(largestCpu, pool.cpuFree(i));
            counts.merge(v.reason(), 1, Integer::sum);
            add(verdicts, v, maxMembers);
        }
        boolean preemptable = matching == 0
                && Preemptor.plan(d, pool, SchedulingPass.byMember(running)) != null;
        String summary = summary(d, members, matching, counts, largestCpu, preemptable, strategy);
        if (matching == 0 && liftAt != null && !lifted && summary.startsWith("none of ")) {
            summary = "every member that could run it is excluded after earlier failed or lost attempts; they may take it "
                    + "again from " + liftAt + " (" + exclusionBackoff.toSeconds() + " s back-off)";
        } else if (lifted) {
            summary = summary + " (its exclusions are lifted: every member that could run it had failed it before)";
        }
        return new PendingExplanation(d.workloadId(), d.replica(), now, strategy == null ? null : strategy.name(),
                members.size(), matching, counts, verdicts, preemptable, summary);
    }

    private static void add(List<MemberVerdict> verdicts, MemberVerdict v, int max) {
        if (verdicts.size() < max) {
            verdicts.add(v);
        }
    }

    private static String summary(Demand d, List<Member> members, int matching, Map<RejectReason, Integer> counts,
            long largestCpu, boolean preemptable, PlacementStrategy strategy) {
        int total = members.size();
        if (total == 0) {
            return "no members have joined";
        }
        if (strategy == null) {
            return matching + " of " + total + " members could take it, but no placement strategy is registered";
        }
        if (matching > 0) {
            return matching + " of " + total + " members can take it now; the next scheduling pass will place it";
        }
        String runtime = noRuntime(d.runtime(), members);
        if (runtime != null) {
            return runtime;
        }
        String never = tooLarge(d, members);
        if (never != null) {
            return never;
        }
        String reasons = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
        String cpu = counts.containsKey(RejectReason.INSUFFICIENT_CPU)
                ? "; largest free cpu " + largestCpu + "m, needs " + d.cpuMillis() + "m" : "";
        String pre = preemptable ? "; it may preempt lower-priority work" : "";
        return "none of " + total + " members fits: " + reasons + cpu + pre;
    }

    /**
     * "no member can run docker workloads: 1 has no reachable Docker engine at …" when no member that is not
     * OFFLINE has the runtime available; null otherwise.
     */
    static String noRuntime(String runtime, List<Member> members) {
        Map<String, Integer> why = new LinkedHashMap<>();
        int offline = 0;
        for (Member m : members) {
            if (RuntimeChecker.runs(m.runtimes(), runtime)) {
                if (m.state() != MemberState.OFFLINE) {
                    return null;
                }
                offline++;
            } else {
                why.merge(phrase(m.runtimes(), runtime), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        why.forEach((phrase, n) -> parts.add(n + " " + (n == 1 ? phrase : plural(phrase))));
        if (offline > 0) {
            parts.add(offline + " that could " + (offline == 1 ? "is" : "are") + " OFFLINE");
        }
        return "no member can run " + runtime + " workloads: " + String.join(", ", parts);
    }

    /** What a member lacks, as a verb phrase after a count: "has no reachable Docker engine at …". */
    private static String phrase(Map<String, RuntimeStatus> runtimes, String runtime) {
        RuntimeStatus s = runtimes.get(runtime);
        if (s == null) {
            return "does not offer it";
        }
        String detail = RuntimeChecker.detail(runtimes, runtime);
        return detail.startsWith("no ") ? "has " + detail : "reports: " + detail;
    }

    private static String plural(String phrase) {
        if (phrase.startsWith("has ")) {
            return "have " + phrase.substring(4);
        }
        if (phrase.startsWith("does ")) {
            return "do " + phrase.substring(5);
        }
        return phrase.startsWith("reports") ? "report" + phrase.substring(7) : phrase;
    }

    /**
     * "needs 8000m cpu; the largest member offers at most 1000m" when the demand is larger than any member
     * that runs its runtime could offer even when idle (its total, from the owner's policy and hardware); null otherwise.
     */
    static String tooLarge(Demand d, List<Member> members) {
        long cpu = -1;
        long mem = -1;
        for (Member m : members) {
            if (!RuntimeChecker.runs(m.runtimes(), d.runtime())) {
                continue;
            }
            Capacity c = MemberList.capacityOf(m);
            cpu = Math.max(cpu, c.cpuMillisTotal());
            mem = Math.max(mem, c.memoryMbTotal());
        }
        if (cpu < 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (d.cpuMillis() > cpu) {
            parts.add("needs " + d.cpuMillis() + "m cpu; the largest member offers at most " + cpu + "m");
        }
        if (d.memoryMb() > mem) {
            parts.add("needs " + d.memoryMb() + " MB memory; the largest member offers at most " + mem + " MB");
        }
        return parts.isEmpty() ? null : "larger than any member could ever offer: " + String.join("; ", parts);
    }
}
