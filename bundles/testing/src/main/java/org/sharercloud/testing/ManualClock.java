package org.sharercloud.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that only moves when a test moves it. */
public final class ManualClock extends Clock {
    /** Where {@link #ManualClock()} starts: a Wednesday, noon UTC. */
    public static final Instant NOON = Instant.parse("2025-01-15T12:00:00Z");
    private volatile Instant now;

    /** Starts at {@link #NOON}. */
    public ManualClock() {
        this(NOON);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    public void set(Instant t) {
        now = t;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void advanceSeconds(long s) {
        now = now.plusSeconds(s);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now;
    }
}
