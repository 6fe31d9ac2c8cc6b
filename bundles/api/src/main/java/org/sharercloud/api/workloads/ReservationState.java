package org.sharercloud.api.workloads;

/**
 * Life of a reserved worker: REQUESTED (the agent is creating it) → READY → RELEASING → RELEASED;
 * FAILED when the agent could not create it; LOST when its member went OFFLINE or its agent restarted.
 */
public enum ReservationState {
    REQUESTED, READY, RELEASING, RELEASED, FAILED, LOST;

    /** Whether it still holds (or is about to hold) resources on its member. */
    public boolean holdsResources() {
        return this == REQUESTED || this == READY || this == RELEASING;
    }
}
