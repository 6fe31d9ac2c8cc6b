package org.sharercloud.contributor.internal.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: retry {@code n} (0-based) waits a uniformly random time in
 * {@code [floor, min(cap, base * 2^n)]}. The floor (a quarter of the base) keeps a run of unlucky draws
 * from turning into a tight loop. Not thread-safe: one agent loop owns it.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final long floorMillis;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.floorMillis = Math.max(1, baseMillis / 4);
        this.random = random;
    }

    /** The ceiling of the next wait, before jitter. */
    public long ceilingMillis() {
        int shift = Math.min(attempt, 30);
        return Math.min(capMillis, baseMillis << shift);
    }

    /** The wait before the next retry; each call doubles the ceiling until the cap. */
    public Duration next() {
        long ceiling = ceilingMillis();
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        long span = Math.max(0, ceiling - floorMillis);
        return Duration.ofMillis(floorMillis + (long) (random.getAsDouble() * span));
    }

    /** Retries since the last success. */
    public int attempts() {
        return attempt;
    }

    /** After a success: the next failure waits about one base again. */
    public void reset() {
        attempt = 0;
    }

    long floorMillis() {
        return floorMillis;
    }
}
