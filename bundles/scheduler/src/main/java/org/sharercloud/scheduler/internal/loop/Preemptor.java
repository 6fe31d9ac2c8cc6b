package org.sharercloud.scheduler.internal.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.RunningAttempt;
import org.sharercloud.scheduler.internal.feasibility.CapacityChecker;
import org.sharercloud.scheduler.internal.feasibility.ExclusionChecker;
import org.sharercloud.scheduler.internal.feasibility.Feasibility;

/**
 * Finds the cheapest eviction that makes room for a demand: on each member that could hold it
 * ({@link Feasibility#couldEverTake}) and that the demand does not exclude,
 * evict attempts of strictly lower priority, lowest priority and then newest first (least work lost),
 * until the demand fits. The plan with the lowest highest-evicted priority wins, then the fewest
 * evictions, then the earliest member.
 */
public final class Preemptor {
    private static final Comparator<RunningAttempt> VICTIM_ORDER = Comparator
            .comparingInt(RunningAttempt::priority)
            .thenComparing(RunningAttempt::scheduledAt, Comparator.reverseOrder());

    /** An eviction plan: the member's pool index and the attempts to evict there. */
    public record Plan(int index, List<RunningAttempt> victims) {
    }

    private Preemptor() {
    }

    /** The best plan, or null when no eviction of lower-priority work makes room. */
    public static Plan plan(Demand d, CandidatePool pool, Map<String, List<RunningAttempt>> runningByMember) {
        Plan best = null;
        int bestTop = Integer.MAX_VALUE;
        for (int i = 0; i < pool.size(); i++) {
            List<RunningAttempt> running = runningByMember.get(pool.id(i));
            if (running == null || running.isEmpty() || !Feasibility.couldEverTake(pool, i, d)
                    || !ExclusionChecker.INSTANCE.passes(pool, i, d)) {
                continue;
            }
            List<RunningAttempt> lower = new ArrayList<>();
            for (RunningAttempt a : running) {
                if (a.priority() < d.priority()) {
                    lower.add(a);
                }
            }
            lower.sort(VICTIM_ORDER);
            long cpu = pool.cpuFree(i);
            long mem = pool.memoryFree(i);
            List<RunningAttempt> victims = new ArrayList<>();
            int top = Integer.MIN_VALUE;
            for (RunningAttempt a : lower) {
                if (CapacityChecker.fits(cpu, mem, d.cpuMillis(), d.memoryMb())) {
                    break;
                }
                victims.add(a);
                cpu += a.cpuMillis();
                mem += a.memoryMb();
                top = Math.max(top, a.priority());
            }
            if (victims.isEmpty() || !CapacityChecker.fits(cpu, mem, d.cpuMillis(), d.memoryMb())) {
                continue;
            }
            if (best == null || top < bestTop || (top == bestTop && victims.size() < best.victims().size())) {
                best = new Plan(i, victims);
                bestTop = top;
            }
        }
        return best;
    }
}
