package org.sharercloud.members.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.members.internal.JoinTest.assertStatus;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.Test;
import org.sharercloud.api.members.SharingPolicy;

public class SharingWindowTest {
    @Test
    public void rangesIncludeTheStartHourAndExcludeTheEnd() {
        SharingWindow office = SharingWindow.parse("9-17");
        assertFalse(office.allows(8));
        assertTrue(office.allows(9));
        assertTrue(office.allows(16));
        assertFalse(office.allows(17));
    }

    @Test
    public void rangesMayCrossMidnightAndBeCombined() {
        SharingWindow w = SharingWindow.parse("22-7, 12-13");
        assertTrue(w.allows(23));
        assertTrue(w.allows(0));
        assertTrue(w.allows(6));
        assertFalse(w.allows(7));
        assertTrue(w.allows(12));
        assertFalse(w.allows(13));
        int allowed = 0;
        for (int h = 0; h < 24; h++) {
            allowed += SharingWindow.parse("0-24").allows(h) ? 1 : 0;
        }
        assertEquals(24, allowed);
    }

    @Test
    public void nonsenseIs400() {
        for (String bad : new String[] {"9", "9-25", "a-b", "24-3", "1-2-3"}) {
            assertStatus(400, "policy.sharingHours", () -> SharingWindow.parse(bad));
        }
    }

    @Test
    public void aMemberRecordFollowsAChangedPolicyThoughItKeepsTheParsedHours() {
        MemberRecord r = new MemberRecord("m1", "machine", 0);
        Instant tenUtc = Instant.parse("2026-01-05T10:30:00Z");
        assertFalse("no policy: never paused", r.pause(tenUtc, ZoneOffset.UTC).paused());
        r.policy = new SharingPolicy(0.5, 1024, "9-17", false, 0.9);
        assertFalse(r.pause(tenUtc, ZoneOffset.UTC).paused());
        assertTrue(r.pause(Instant.parse("2026-01-05T18:00:00Z"), ZoneOffset.UTC).paused());
        r.policy = new SharingPolicy(0.5, 1024, "12-13", false, 0.9);
        assertTrue("the new hours apply at once", r.pause(tenUtc, ZoneOffset.UTC).paused());
        r.policy = new SharingPolicy(0.5, 1024, "10-11", false, 0.9);
        assertFalse(r.pause(tenUtc, ZoneOffset.UTC).paused());
        assertTrue(r.pause(tenUtc, ZoneOffset.ofHours(2)).paused());
    }
}
