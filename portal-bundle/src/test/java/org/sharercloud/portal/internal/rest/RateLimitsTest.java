package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import io.github.bucket4j.TimeMeter;

/** The budgets: failures block an address until refilled, with the seconds to wait; joins and submits per key. */
public class RateLimitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final RateLimits limits = new RateLimits(new RateLimits.Budget(3, 6), new RateLimits.Budget(2, 2), new RateLimits.Budget(1, 60), time);

    private static long refused(Runnable r) {
        try {
            r.run();
        } catch (RateLimits.Limited e) {
            assertEquals(429, e.status());
            return e.retryAfterSeconds();
        }
        fail("expected 429");
        return -1;
    }

    @Test
    public void anAddressThatFailedTooOftenIsRefusedUntilRefilledAndOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            limits.checkNotBlocked("10.0.0.1");
            limits.failed("10.0.0.1");
        }
        assertEquals("6 per minute: one every 10 s", 10, refused(() -> limits.checkNotBlocked("10.0.0.1")));
        limits.checkNotBlocked("10.0.0.2");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertEquals(1, refused(() -> limits.checkNotBlocked("10.0.0.1")));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        limits.checkNotBlocked("10.0.0.1");
    }

    @Test
    public void joinsPerAddressAndSubmitsPerPrincipal() {
        limits.join("10.0.0.1");
        limits.join("10.0.0.1");
        assertEquals(30, refused(() -> limits.join("10.0.0.1")));
        limits.join("10.0.0.3");
        limits.submit("alice");
        assertEquals(1, refused(() -> limits.submit("alice")));
        limits.submit("bob");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        limits.submit("alice");
    }
}
