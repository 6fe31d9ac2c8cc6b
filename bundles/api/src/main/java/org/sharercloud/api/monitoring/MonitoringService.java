package org.sharercloud.api.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Metric history per member and the Prometheus exposition. */
@ProviderType
public interface MonitoringService {
    /**
     * Samples of one member between {@code from} (inclusive) and {@code to} (exclusive), averaged into
     * {@code step} buckets (each point's time is its bucket's start); empty buckets are left out.
     *
     * @throws org.sharercloud.api.ApiException 400 ({@code from}, {@code step}) for an empty range, a
     *                                          non-positive step or more than 10,000 buckets
     */
    List<MetricPoint> history(String memberId, Instant from, Instant to, Duration step);

    /**
     * The fraction of each of the last {@code hours} whole hours (UTC, oldest first, the current
     * partial hour last) that the member was ONLINE.
     *
     * @throws org.sharercloud.api.ApiException 400 ({@code hours}) outside 1..8760
     */
    List<HourAvailability> availability(String memberId, int hours);

    /** Everything the coordinator exposes, in Prometheus text format 0.0.4. */
    String prometheus();
}
