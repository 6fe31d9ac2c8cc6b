package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.sharercloud.api.members.SharingPolicy;

public class OwnerActivityTest {
    /** Threshold 0.6; active after 15 s above it, idle after 30 s at or below 0.5. */
    private static final SharingPolicy HYSTERESIS = new SharingPolicy(0.5, 1024, "0-24", true, 0.6, 15, 30, 0.1);

    private static boolean feed(OwnerActivity a, SharingPolicy p, long second, double load) {
        return a.update(load, p, second * 1000);
    }

    @Test
    public void activeOnlyAfterTheLoadStaysAboveTheThresholdForTheWholeWindow() {
        OwnerActivity a = new OwnerActivity(false);
        assertFalse(feed(a, HYSTERESIS, 0, 0.9));
        assertFalse(feed(a, HYSTERESIS, 5, 0.9));
        assertFalse(feed(a, HYSTERESIS, 10, 0.9));
        assertFalse("one sample at the threshold breaks the run", feed(a, HYSTERESIS, 12, 0.6));
        assertFalse(feed(a, HYSTERESIS, 15, 0.9));
        assertFalse(feed(a, HYSTERESIS, 25, 0.9));
        assertTrue("15 s above since second 15", feed(a, HYSTERESIS, 30, 0.95));
        assertEquals("owner load above 0.60 for 15 s (0.95 now)", a.why());
    }

    @Test
    public void idleOnlyAfterTheLoadStaysBelowThresholdMinusMarginForTheWholeWindow() {
        OwnerActivity a = new OwnerActivity(true);
        assertTrue("below the threshold but above threshold - margin: still active", feed(a, HYSTERESIS, 0, 0.55));
        assertTrue(feed(a, HYSTERESIS, 5, 0.3));
        assertTrue(feed(a, HYSTERESIS, 20, 0.5));
        assertTrue("a sample above 0.5 breaks the run", feed(a, HYSTERESIS, 30, 0.52));
        assertTrue(feed(a, HYSTERESIS, 35, 0.1));
        assertTrue(feed(a, HYSTERESIS, 60, 0.1));
        assertFalse("30 s at or below 0.5 since second 35", feed(a, HYSTERESIS, 65, 0.2));
        assertEquals("owner load at or below 0.50 for 30 s (0.20 now)", a.why());
    }

    @Test
    public void noiseAroundTheThresholdNeverFlipsIt() {
        OwnerActivity a = new OwnerActivity(false);
        int flips = 0;
        boolean was = false;
        for (int s = 0; s < 600; s += 5) {
            double load = (s / 5) % 2 == 0 ? 0.85 : 0.4; // our own bursts: above, below, above …
            boolean now = feed(a, HYSTERESIS, s, load);
            flips += now != was ? 1 : 0;
            was = now;
        }
        assertEquals(0, flips);
    }

    @Test
    public void withoutHysteresisItIsThePlainRuleOfTheLastSample() {
        SharingPolicy plain = new SharingPolicy(0.5, 1024, "0-24", true, 0.6);
        OwnerActivity a = new OwnerActivity(false);
        assertTrue(feed(a, plain, 0, 0.61));
        assertEquals("owner load above 0.60 (0.61 now)", a.why());
        assertFalse(feed(a, plain, 1, 0.6));
        assertTrue(feed(a, plain, 2, 0.7));
        assertFalse(feed(a, plain, 3, 0.1));
    }

    @Test
    public void anOwnerWhoDoesNotPauseIsNeverActive() {
        OwnerActivity a = new OwnerActivity(true);
        assertFalse(feed(a, new SharingPolicy(0.5, 1024, "0-24", false, 0.1, 0, 0, 0.0), 0, 1.0));
        assertFalse(a.update(1.0, null, 1000));
    }

    @Test
    public void theIdleLevelNeverGoesBelowZero() {
        assertEquals(0.0, OwnerActivity.idleLevel(new SharingPolicy(0.5, 1024, "0-24", true, 0.2, 0, 0, 0.5)), 0);
        assertEquals(0.5, OwnerActivity.idleLevel(HYSTERESIS), 1e-9);
    }
}
