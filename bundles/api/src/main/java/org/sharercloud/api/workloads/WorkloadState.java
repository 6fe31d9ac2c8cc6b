package org.sharercloud.api.workloads;

/** Life of a workload. SUCCEEDED, FAILED, CANCELLED and TIMED_OUT are final. */
public enum WorkloadState {
    PENDING, SCHEDULED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
