package org.sharercloud.scheduler.internal.feasibility;

import java.util.List;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;

/**
 * The one definition of "member i can take demand d", as a chain of small {@link Checker}s in the style of
 * Nomad's feasibility checkers. The scheduling pass, the preemptor, the exclusion back-off and "why
 * pending" all ask it, so they cannot disagree (before issue 10 the same test was written six times in
 * the candidate pool, and a pass and "why pending" once told different stories).
 *
 * <ol>
 * <li><b>Member stage</b>, the same for every demand of a pass: {@link StateChecker} (ONLINE, not
 * cordoned), {@link SharingChecker} (sharing hours, owner busy). The pool keeps only members that pass.</li>
 * <li><b>Demand stage</b>, in the order "why pending" reports the first failure: {@link RuntimeChecker}
 * (the runtime works there now; it is also the isolation rule), {@link ExclusionChecker},
 * {@link ConstraintChecker} (labels), {@link CapacityChecker#NOW} (CPU, then memory).</li>
 * </ol>
 *
 * <p>The candidate pool's fast paths precompute from these same definitions: {@link #FIXED}, the checks
 * that depend only on what a member is and on the demand's shape, become one mask per (constraints,
 * runtime); capacity and exclusions are tested with {@link CapacityChecker#fits} and
 * {@link ExclusionChecker#allows} in the scan. {@code FeasibilityAgreementTest} holds them together.
 */
public final class Feasibility {
    /** Demand-stage checks, in reporting order. */
    public static final List<Checker> DEMAND_STAGE = List.of(RuntimeChecker.INSTANCE, ExclusionChecker.INSTANCE,
            ConstraintChecker.INSTANCE, CapacityChecker.NOW);
    /**
     * The demand-stage checks that depend only on the member's reported facts and on the demand's runtime
     * and constraints (not on this pass's allocations nor on which replica asks): a pool answers them once
     * per (constraints, runtime), its mask key. A check reading any other field of the demand does not belong here.
     */
    public static final List<Checker> FIXED = List.of(RuntimeChecker.INSTANCE, ConstraintChecker.INSTANCE);
    /** Whether a member could ever take the demand, were it idle and willing: fixed checks and total capacity. */
    public static final List<Checker> EVER = List.of(RuntimeChecker.INSTANCE, ConstraintChecker.INSTANCE, CapacityChecker.EVER);

    private final List<Checker> memberStage;

    private Feasibility(int localHour) {
        this.memberStage = List.of(StateChecker.INSTANCE, new SharingChecker(localHour));
    }

    /** The chain for a pass at this local hour (sharing hours are read at it). */
    public static Feasibility at(int localHour) {
        return new Feasibility(localHour);
    }

    /** Null when member {@code i} may take work in this pass at all, else why not. */
    public MemberVerdict memberVerdict(MemberFacts f, int i) {
        return first(memberStage, f, i, null);
    }

    /** {@link #memberVerdict(MemberFacts, int)} of one member. */
    public MemberVerdict memberVerdict(Member m) {
        return memberVerdict(MemberList.of(List.of(m)), 0);
    }

    /** The whole chain: null when member {@code i} can take the demand now, else the first reason why not. */
    public MemberVerdict verdict(MemberFacts f, int i, Demand d) {
        MemberVerdict v = memberVerdict(f, i);
        return v != null ? v : demandVerdict(f, i, d);
    }

    /** The demand stage alone, for members that passed the member stage. */
    public static MemberVerdict demandVerdict(MemberFacts f, int i, Demand d) {
        return first(DEMAND_STAGE, f, i, d);
    }

    /** Whether a member that passed the member stage can take the demand now. */
    public static boolean feasible(MemberFacts f, int i, Demand d) {
        return all(DEMAND_STAGE, f, i, d);
    }

    /** Whether the {@link #FIXED} checks pass. */
    public static boolean fixedPasses(MemberFacts f, int i, Demand d) {
        return all(FIXED, f, i, d);
    }

    /** Whether the member could ever take the demand ({@link #EVER}), whatever its load and this pass's placements. */
    public static boolean couldEverTake(MemberFacts f, int i, Demand d) {
        return all(EVER, f, i, d);
    }

    private static boolean all(List<Checker> chain, MemberFacts f, int i, Demand d) {
        for (int k = 0, n = chain.size(); k < n; k++) {
            if (!chain.get(k).passes(f, i, d)) {
                return false;
            }
        }
        return true;
    }

    private static MemberVerdict first(List<Checker> chain, MemberFacts f, int i, Demand d) {
        for (int k = 0, n = chain.size(); k < n; k++) {
            MemberVerdict v = chain.get(k).check(f, i, d);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
