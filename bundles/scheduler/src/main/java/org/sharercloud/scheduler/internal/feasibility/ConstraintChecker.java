package org.sharercloud.scheduler.internal.feasibility;

import java.util.Map;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/** The member carries every label of the demand's constraints, with exactly that value. */
public final class ConstraintChecker implements Checker {
    public static final ConstraintChecker INSTANCE = new ConstraintChecker();

    private ConstraintChecker() {
    }

    /** Whether labels {@code have} satisfy constraints {@code want}. */
    public static boolean matches(Map<String, String> have, Map<String, String> want) {
        for (Map.Entry<String, String> e : want.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean passes(MemberFacts f, int i, Demand d) {
        return matches(f.labels(i), d.constraints());
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        return passes(f, i, d) ? null : new MemberVerdict(f.id(i), RejectReason.CONSTRAINT_MISMATCH,
                "requires " + d.constraints() + ", has " + f.labels(i));
    }
}
