package org.sharercloud.api.scheduler;

import java.time.Instant;

/**
 * The scheduling loop at a glance.
 *
 * @param activeStrategy  strategy in use, or {@code null} when none is registered
 * @param defaultStrategy the configured default
 * @param idleReason      why the loop cannot run (a module missing), or {@code null} when it can
 * @param passes          passes run since start
 * @param placed          demands bound since start
 * @param preempted       attempts evicted since start
 * @param lastPassAt      end of the last pass, or {@code null}
 * @param lastPassMicros  duration of the last pass in microseconds
 */
public record SchedulerStatus(String activeStrategy, String defaultStrategy, String idleReason, long passes,
        long placed, long preempted, Instant lastPassAt, long lastPassMicros) {
}
