package org.sharercloud.scheduler.internal.feasibility;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;

/**
 * One feasibility rule (Nomad's {@code FeasibilityChecker}): whether member {@code i} may take a demand,
 * and if not, why, in the words "why pending" shows. {@link Feasibility} chains them. Member-level checkers
 * ignore the demand (it may be null for them).
 */
public interface Checker {
    /** Null when the member passes this rule, else the verdict saying why not. */
    MemberVerdict check(MemberFacts f, int i, Demand d);

    /** {@code check(f, i, d) == null}, without building the verdict. */
    default boolean passes(MemberFacts f, int i, Demand d) {
        return check(f, i, d) == null;
    }
}
