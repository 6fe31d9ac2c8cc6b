package org.sharercloud.api.workloads;

import java.time.Instant;

/** One line of the ledger: the credit earned by one SUCCEEDED attempt. */
public record CreditEntry(String attemptId, String memberId, String workloadId, double cpuSeconds, double weight,
        double credits, Instant at) {
}
