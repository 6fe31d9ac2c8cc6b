package org.sharercloud.api.scheduler;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * History of members that forecasting strategies learn from; provided by the monitoring module.
 * Series are hourly, oldest first, and end with the current (partial) hour; hours before a member
 * joined are simply absent, so series of different members may have different lengths.
 */
@ProviderType
public interface MemberHistory {
    /** Members that have any history. */
    List<String> memberIds();

    /**
     * Fraction of each hour the member was online (heartbeating), 0..1.
     *
     * @param maxHours the most recent hours wanted
     * @return at most {@code maxHours} values, empty for an unknown member
     */
    double[] hourlyAvailability(String memberId, int maxHours);

    /**
     * Mean owner CPU load in each hour, 0..1 (NaN for an hour with no samples while online).
     *
     * @param maxHours the most recent hours wanted
     * @return at most {@code maxHours} values, empty for an unknown member
     */
    double[] hourlyOwnerLoad(String memberId, int maxHours);
}
