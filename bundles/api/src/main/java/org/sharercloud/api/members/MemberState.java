package org.sharercloud.api.members;

/** Liveness of a member as the coordinator sees it. */
public enum MemberState {
    /** Heartbeats arrive on time and sharing is allowed now. */
    ONLINE,
    /** Some heartbeats were missed; nothing new is placed there. */
    SUSPECT,
    /** Gone: its attempts are lost and rescheduled. */
    OFFLINE,
    /** Alive but the owner paused sharing (busy owner, outside sharing hours); running work may finish. */
    DRAINING
}
