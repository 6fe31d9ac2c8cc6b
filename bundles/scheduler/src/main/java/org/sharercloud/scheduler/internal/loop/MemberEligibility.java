package org.sharercloud.scheduler.internal.loop;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/** The member-level checks, the same for every demand of a pass: state, cordon, hours, owner activity. */
public final class MemberEligibility {
    private MemberEligibility() {
    }

    /** The verdict for a member that cannot take any work at local hour {@code hour}, or null when it can. */
    public static MemberVerdict check(Member m, int hour) {
        if (m.state() == MemberState.DRAINING) {
            return new MemberVerdict(m.id(), RejectReason.DRAINING, "the owner paused sharing");
        }
        if (m.state() != MemberState.ONLINE) {
            return new MemberVerdict(m.id(), RejectReason.NOT_ONLINE, "state " + m.state());
        }
        if (m.cordoned()) {
            return new MemberVerdict(m.id(), RejectReason.CORDONED, "cordoned by an admin");
        }
        SharingPolicy p = m.policy();
        if (p != null && !SharingHours.allows(p.sharingHours(), hour)) {
            return new MemberVerdict(m.id(), RejectReason.OUTSIDE_SHARING_HOURS,
                    "sharing hours " + p.sharingHours() + ", local hour now " + hour);
        }
        if (p != null && p.pauseWhenOwnerActive() && m.metrics() != null
                && m.metrics().ownerLoad() > p.ownerActiveThreshold()) {
            return new MemberVerdict(m.id(), RejectReason.OWNER_ACTIVE, String.format(
                    "owner load %.2f above threshold %.2f", m.metrics().ownerLoad(), p.ownerActiveThreshold()));
        }
        return null;
    }
}
