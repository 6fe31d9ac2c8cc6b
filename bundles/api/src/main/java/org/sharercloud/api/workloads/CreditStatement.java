package org.sharercloud.api.workloads;

import java.util.List;

/**
 * A member's credits.
 *
 * @param balance    sum of all credits
 * @param cpuSeconds sum of the CPU-seconds credited
 * @param attempts   number of credited attempts
 * @param entries    the ledger lines, newest first (may be empty in summaries)
 */
public record CreditStatement(String memberId, double balance, double cpuSeconds, int attempts, List<CreditEntry> entries) {
}
