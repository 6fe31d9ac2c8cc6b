package org.sharercloud.api.workloads;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The credits ledger: every SUCCEEDED attempt credits its member once with CPU-seconds × the
 * configured weight ({@code credit.weight} in {@code etc/org.sharercloud.workloads.cfg}).
 */
@ProviderType
public interface CreditService {
    /** One member's balance and history (newest first); an empty statement for a member with none. */
    CreditStatement statement(String memberId);

    /** Every member with credits, highest balance first (entries left out). */
    List<CreditStatement> balances();
}
