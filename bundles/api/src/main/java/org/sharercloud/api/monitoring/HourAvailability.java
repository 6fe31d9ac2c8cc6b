package org.sharercloud.api.monitoring;

import java.time.Instant;

/**
 * How much of one hour a member was ONLINE.
 *
 * @param hour   start of the hour (UTC)
 * @param online fraction of the hour spent ONLINE, 0..1 (for the current hour: of the part elapsed)
 */
public record HourAvailability(Instant hour, double online) {
}
