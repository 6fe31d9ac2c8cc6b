package org.sharercloud.api.workloads;

/** {@code job} runs to completion; {@code service} keeps its replicas running. */
public enum WorkloadKind {
    JOB, SERVICE
}
