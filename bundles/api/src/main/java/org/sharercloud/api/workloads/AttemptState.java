package org.sharercloud.api.workloads;

/** Life of one attempt of a workload on one member. LOST: its member went OFFLINE. */
public enum AttemptState {
    SCHEDULED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, LOST, PREEMPTED;

    public boolean isFinal() {
        return this != SCHEDULED && this != RUNNING;
    }
}
