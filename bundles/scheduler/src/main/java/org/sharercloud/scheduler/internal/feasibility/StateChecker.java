package org.sharercloud.scheduler.internal.feasibility;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/** Member-level: ONLINE (not DRAINING, SUSPECT or OFFLINE) and not cordoned by an admin. */
public final class StateChecker implements Checker {
    public static final StateChecker INSTANCE = new StateChecker();

    private StateChecker() {
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        Member m = f.member(i);
        if (m.state() == MemberState.DRAINING) {
            return new MemberVerdict(m.id(), RejectReason.DRAINING, "the owner paused sharing");
        }
        if (m.state() != MemberState.ONLINE) {
            return new MemberVerdict(m.id(), RejectReason.NOT_ONLINE, "state " + m.state());
        }
        if (m.cordoned()) {
            return new MemberVerdict(m.id(), RejectReason.CORDONED, "cordoned by an admin");
        }
        return null;
    }

    /**
     * Whether the member may take work again without an admin: it is not OFFLINE and not cordoned (a
     * SUSPECT, DRAINING or busy member may come back). The exclusion back-off counts such members.
     */
    public static boolean mayComeBack(Member m) {
        return m.state() != MemberState.OFFLINE && !m.cordoned();
    }
}
