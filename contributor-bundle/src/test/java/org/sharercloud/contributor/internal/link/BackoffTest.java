package org.sharercloud.contributor.internal.link;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.Test;

public class BackoffTest {
    private static final Duration BASE = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(60);

    @Test
    public void ceilingDoublesUpToTheCap() {
        Backoff b = new Backoff(BASE, CAP, () -> 0.5);
        long[] expected = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
        for (long ceiling : expected) {
            assertEquals(ceiling, b.ceilingMillis());
            b.next();
        }
        for (int i = 0; i < 100; i++) {
            b.next();
        }
        assertEquals("no overflow after many retries", 60000, b.ceilingMillis());
    }

    @Test
    public void everyWaitLiesBetweenTheFloorAndTheCeiling() {
        Random random = new Random(42);
        Backoff b = new Backoff(BASE, CAP, random::nextDouble);
        for (int i = 0; i < 200; i++) {
            long ceiling = b.ceilingMillis();
            long wait = b.next().toMillis();
            assertTrue("retry " + i + " waited " + wait, wait >= 250 && wait <= ceiling);
            assertTrue(wait <= CAP.toMillis());
        }
    }

    @Test
    public void extremesOfTheRandomSourceStayInBounds() {
        Backoff low = new Backoff(BASE, CAP, () -> 0.0);
        Backoff high = new Backoff(BASE, CAP, () -> Math.nextDown(1.0));
        for (int i = 0; i < 20; i++) {
            long ceiling = high.ceilingMillis();
            assertEquals("never a tight loop", 250, low.next().toMillis());
            long wait = high.next().toMillis();
            assertTrue(wait <= ceiling && wait >= ceiling - 1);
        }
    }

    @Test
    public void jitterSpreadsTheWaits() {
        Random random = new Random(7);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Backoff b = new Backoff(BASE, CAP, random::nextDouble);
            for (int k = 0; k < 5; k++) {
                b.next();
            }
            seen.add(b.next().toMillis());
        }
        assertTrue("50 agents at the same retry should not wait alike: " + seen.size(), seen.size() > 40);
    }

    @Test
    public void resetStartsOverFromTheBase() {
        Backoff b = new Backoff(BASE, CAP, () -> 0.5);
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        assertEquals(10, b.attempts());
        b.reset();
        assertEquals(0, b.attempts());
        assertEquals(1000, b.ceilingMillis());
    }

    @Test(expected = IllegalArgumentException.class)
    public void capBelowBaseIsRefused() {
        new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), () -> 0.5);
    }
}
