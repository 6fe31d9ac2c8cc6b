package org.sharercloud.api.members;

/** OSGi EventAdmin topics posted by the members module and their property keys. */
public final class MemberEvents {
    /** A member changed state; properties {@link #MEMBER_ID}, {@link #FROM}, {@link #TO}. */
    public static final String STATE_CHANGED = "org/sharercloud/members/STATE_CHANGED";
    /** A heartbeat was accepted; properties {@link #MEMBER_ID}, {@link #METRICS}. */
    public static final String HEARTBEAT = "org/sharercloud/members/HEARTBEAT";
    /** All member topics. */
    public static final String ALL = "org/sharercloud/members/*";

    public static final String MEMBER_ID = "memberId";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String METRICS = "metrics";

    private MemberEvents() {
    }
}
