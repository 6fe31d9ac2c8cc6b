package org.sharercloud.scheduler.internal.feasibility;

import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.MemberVerdict;
import org.sharercloud.api.scheduler.RejectReason;

/**
 * Member-level: the owner's sharing policy allows work now: inside its sharing hours (read at the pass's
 * local hour, see {@link SharingHours}) and, when it pauses while the owner is busy, the owner's load not
 * above its threshold.
 */
public final class SharingChecker implements Checker {
    private final int hour;

    /** @param hour local hour (0..23) at which sharing hours are read */
    public SharingChecker(int hour) {
        this.hour = hour;
    }

    @Override
    public MemberVerdict check(MemberFacts f, int i, Demand d) {
        Member m = f.member(i);
        SharingPolicy p = m.policy();
        if (p == null) {
            return null;
        }
        if (!SharingHours.allows(p.sharingHours(), hour)) {
            return new MemberVerdict(m.id(), RejectReason.OUTSIDE_SHARING_HOURS,
                    "sharing hours " + p.sharingHours() + ", local hour now " + hour);
        }
        if (p.pauseWhenOwnerActive() && m.metrics() != null && m.metrics().ownerLoad() > p.ownerActiveThreshold()) {
            return new MemberVerdict(m.id(), RejectReason.OWNER_ACTIVE, String.format(
                    "owner load %.2f above threshold %.2f", m.metrics().ownerLoad(), p.ownerActiveThreshold()));
        }
        return null;
    }
}
