package org.sharercloud.api.scheduler;

/** Why a member cannot take a demand, as reported by "why is my workload pending". */
public enum RejectReason {
    /** The member is SUSPECT or OFFLINE. */
    NOT_ONLINE,
    /** The owner paused sharing (DRAINING). */
    DRAINING,
    /** An admin cordoned the member. */
    CORDONED,
    /** The owner's sharing hours do not include now (or cannot be read). */
    OUTSIDE_SHARING_HOURS,
    /** The owner is using the machine above the policy's threshold. */
    OWNER_ACTIVE,
    /** Not enough free CPU now. */
    INSUFFICIENT_CPU,
    /** Not enough free memory now. */
    INSUFFICIENT_MEMORY,
    /** The member lacks a label the workload requires, or has another value. */
    CONSTRAINT_MISMATCH,
    /** An earlier attempt of this replica was lost or failed there: a retry goes elsewhere. */
    EXCLUDED_AFTER_FAILURE,
    /** The active strategy scored the member as "never here". */
    REFUSED_BY_STRATEGY,
    /** The workload's runtime (docker, process) does not work on the member now, e.g. no reachable Docker engine. */
    RUNTIME_UNAVAILABLE
}
