package org.sharercloud.monitoring.internal;

import java.sql.SQLException;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps history bounded: raw samples older than {@code raw.hours} become 1-minute averages, those
 * older than {@code minute.days} become 15-minute averages, and those older than
 * {@code quarter.days} (and availability as old) are deleted.
 */
final class Downsampler {
    private static final Logger LOG = LoggerFactory.getLogger(Downsampler.class);
    private static final long MINUTE = 60_000L;
    private static final long QUARTER = 900_000L;
    private static final long DAY = 86_400_000L;

    private final MetricRepository metrics;
    private final AvailabilityRepository availability;
    private final Clock clock;
    private final long rawMillis;
    private final long minuteMillis;
    private final long quarterMillis;

    Downsampler(MetricRepository metrics, AvailabilityRepository availability, MonitoringConfig c, Clock clock) {
        this.metrics = metrics;
        this.availability = availability;
        this.clock = clock;
        this.rawMillis = Math.max(1, c.raw_hours()) * 3_600_000L;
        this.minuteMillis = Math.max(rawMillis, Math.max(1, c.minute_days()) * DAY);
        this.quarterMillis = Math.max(minuteMillis, Math.max(1, c.quarter_days()) * DAY);
    }

    void run() throws SQLException {
        long now = clock.millis();
        int raw = metrics.downsample(MetricRepository.RAW, MetricRepository.MINUTE, Math.floorDiv(now - rawMillis, MINUTE) * MINUTE);
        int minutes = metrics.downsample(MetricRepository.MINUTE, MetricRepository.QUARTER, Math.floorDiv(now - minuteMillis, QUARTER) * QUARTER);
        int old = metrics.purge(MetricRepository.QUARTER, now - quarterMillis);
        availability.purge(now - quarterMillis);
        if (raw + minutes + old > 0) {
            LOG.debug("Downsampled {} raw and {} 1-minute points; deleted {} 15-minute points", raw, minutes, old);
        }
    }
}
