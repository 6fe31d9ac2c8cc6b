package org.sharercloud.api.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Metric history per member and the Prometheus exposition. */
@ProviderType
public interface MonitoringService {
    /** Samples of one member between {@code from} and {@code to}, averaged into {@code step} buckets. */
    List<MetricPoint> history(String memberId, Instant from, Instant to, Duration step);

    /** Everything the coordinator exposes, in Prometheus text format 0.0.4. */
    String prometheus();
}
