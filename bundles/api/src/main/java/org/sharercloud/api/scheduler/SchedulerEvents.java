package org.sharercloud.api.scheduler;

/** OSGi EventAdmin topics the scheduler listens to or posts, and their property keys. */
public final class SchedulerEvents {
    /**
     * Ask for a scheduling pass now (post it after a submission, a finished attempt, a cancel).
     * Bursts are coalesced into one pass; no properties needed.
     */
    public static final String TRIGGER = "org/sharercloud/scheduler/TRIGGER";
    /** Posted after a pass bound or preempted something; properties {@link #PLACED}, {@link #PREEMPTED}. */
    public static final String PASS_DONE = "org/sharercloud/scheduler/PASS_DONE";

    public static final String PLACED = "placed";
    public static final String PREEMPTED = "preempted";

    private SchedulerEvents() {
    }
}
