package org.sharercloud.workloads.internal.engine;

/** Why a member's attempts and reserved workers are lost ({@link Lifecycle#memberLost}). */
public enum MemberLoss {
    /** The members module declared it OFFLINE: it may come back with its containers still running. */
    WENT_OFFLINE,
    /** Its agent restarted and asked for a resync: it holds nothing any more. */
    AGENT_RESTARTED
}
