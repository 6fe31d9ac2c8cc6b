package org.sharercloud.scheduler.internal.feasibility;

import java.util.Set;

import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/**
 * The demand does not exclude the member (an earlier attempt of this replica failed or was lost there).
 * The scheduler may lift a demand's exclusions after a back-off ({@code ExclusionBackoff}); the checker
 * sees the demand as it is then.
 */
public final class ExclusionChecker implements Checker {
    public static final ExclusionChecker INSTANCE = new ExclusionChecker();

    private ExclusionChecker() {
    }

    /** Whether a demand excluding {@code excluded} (null: none) may go to member {@code id}. */
    public static boolean allows(Set<String> excluded, String id) {
        return excluded == null || !excluded.contains(id);
    }

    @Override
    public boolean passes(MemberFacts f, int i, Demand d) {
        return allows(d.excludedMembers(), f.id(i));
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        return passes(f, i, d) ? null : new MemberVerdict(f.id(i), RejectReason.EXCLUDED_AFTER_FAILURE,
                "an earlier attempt of this replica was lost or failed there");
    }
}
