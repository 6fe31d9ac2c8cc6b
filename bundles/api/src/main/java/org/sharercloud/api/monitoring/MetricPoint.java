package org.sharercloud.api.monitoring;

import java.time.Instant;

/** One (possibly averaged) sample of a member's metrics. */
public record MetricPoint(Instant time, double cpuLoad, double ownerLoad, long memoryUsedMb, int samples) {
}
