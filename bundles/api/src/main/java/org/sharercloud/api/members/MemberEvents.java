package org.sharercloud.api.members;

/**
 * OSGi EventAdmin topics posted by the members module and their property keys. Every event also
 * carries {@code timestamp} (epoch milliseconds, {@code org.osgi.service.event.EventConstants.TIMESTAMP}).
 * State values are {@link MemberState} names (strings).
 *
 * <p>With several coordinators over one database, the coordinator that makes a change posts its event plainly; every
 * other coordinator posts the same topic when its cache reads the change from the store, with {@link #OBSERVED} set to
 * {@code true}. A listener that acts on shared state (e.g. loses an OFFLINE member's attempts) ignores observed events,
 * so it acts exactly once cluster-wide; one that keeps per-coordinator memory (a live view, an availability span, a
 * scheduling trigger) takes both. Silence transitions (SUSPECT, OFFLINE) are made by the leader's sweeper;
 * heartbeat transitions (back to ONLINE, DRAINING) by the coordinator that received the heartbeat; joins, cordons and
 * removals by the coordinator that served them. HEARTBEAT is posted only by the coordinator that received it.
 */
public final class MemberEvents {
    /**
     * A member changed state; properties {@link #MEMBER_ID}, {@link #FROM}, {@link #TO}, {@link #REASON}. A machine
     * joining for the first time changes from OFFLINE.
     */
    public static final String STATE_CHANGED = "org/sharercloud/members/STATE_CHANGED";
    /** A heartbeat was accepted; properties {@link #MEMBER_ID}, {@link #METRICS} (a {@link HostMetrics}), {@link #STATE}. */
    public static final String HEARTBEAT = "org/sharercloud/members/HEARTBEAT";
    /** A machine joined or re-joined; properties {@link #MEMBER_ID}, {@link #NAME}, {@link #REJOIN} (boolean). */
    public static final String JOINED = "org/sharercloud/members/JOINED";
    /** An admin cordoned or uncordoned a member; properties {@link #MEMBER_ID}, {@link #CORDONED} (boolean). */
    public static final String CORDONED = "org/sharercloud/members/CORDONED";
    /**
     * An admin removed a member; property {@link #MEMBER_ID}. A member that was not OFFLINE first gets a
     * {@link #STATE_CHANGED} to OFFLINE, so listeners of state changes alone lose its attempts too.
     */
    public static final String REMOVED = "org/sharercloud/members/REMOVED";
    /**
     * The workload runtimes that work on a member changed (e.g. its Docker engine went away or came back);
     * properties {@link #MEMBER_ID}, {@link #RUNTIMES} (a {@code Map<String, RuntimeStatus>}).
     */
    public static final String RUNTIMES_CHANGED = "org/sharercloud/members/RUNTIMES_CHANGED";
    /** All member topics. */
    public static final String ALL = "org/sharercloud/members/*";

    public static final String MEMBER_ID = "memberId";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String METRICS = "metrics";
    public static final String STATE = "state";
    public static final String NAME = "name";
    public static final String REJOIN = "rejoin";
    public static final String CORDONED_FLAG = "cordoned";
    public static final String RUNTIMES = "runtimes";
    /**
     * {@code Boolean.TRUE} on an event this coordinator posts for a change another coordinator made (read from the
     * store); absent on the changes this coordinator made itself.
     */
    public static final String OBSERVED = "observed";
    /** Why a member changed state, in words (a string). */
    public static final String REASON = "reason";

    private MemberEvents() {
    }
}
