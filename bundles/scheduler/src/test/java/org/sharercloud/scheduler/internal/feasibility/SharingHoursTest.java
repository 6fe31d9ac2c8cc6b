package org.sharercloud.scheduler.internal.feasibility;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SharingHoursTest {
    @Test
    public void wholeDayAndBlankAllowEveryHour() {
        for (int h = 0; h < 24; h++) {
            assertTrue(SharingHours.allows("0-24", h));
            assertTrue(SharingHours.allows(null, h));
            assertTrue(SharingHours.allows(" ", h));
        }
    }

    @Test
    public void rangeIsHalfOpen() {
        assertTrue(SharingHours.allows("9-17", 9));
        assertTrue(SharingHours.allows("9-17", 16));
        assertFalse(SharingHours.allows("9-17", 17));
        assertFalse(SharingHours.allows("9-17", 8));
    }

    @Test
    public void rangeWrapsMidnight() {
        assertTrue(SharingHours.allows("22-7", 23));
        assertTrue(SharingHours.allows("22-7", 0));
        assertTrue(SharingHours.allows("22-7", 6));
        assertFalse(SharingHours.allows("22-7", 7));
        assertFalse(SharingHours.allows("22-7", 12));
    }

    @Test
    public void listsOfRanges() {
        assertTrue(SharingHours.allows("9-12, 14-18", 15));
        assertFalse(SharingHours.allows("9-12,14-18", 13));
    }

    @Test
    public void malformedAllowsNothing() {
        assertFalse(SharingHours.allows("nine-five", 10));
        assertFalse(SharingHours.allows("9", 9));
        assertFalse(SharingHours.allows("9-25", 10));
    }
}
