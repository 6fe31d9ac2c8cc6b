package org.sharercloud.portal.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.sharercloud.api.ApiException;

/** The caps on long requests: per caller and in total, 429 over either, and a permit given back exactly once. */
public class LongRequestsTest {
    @Test
    public void capsPerCallerAndInTotalAndGivesBackOnce() {
        LongRequests caps = new LongRequests(5, 3);
        List<LongRequests.Permit> alice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alice.add(caps.acquire("alice", "follow"));
        }
        expect429(() -> caps.acquire("alice", "follow"), "follow");
        LongRequests.Permit b1 = caps.acquire("bob", "exec");
        caps.acquire("bob", "exec");
        expect429(() -> caps.acquire("carol", "follow"), "follow"); // the total (5) is reached
        assertEquals(5, caps.held());
        b1.close();
        b1.close(); // twice: released once
        assertEquals(4, caps.held());
        caps.acquire("carol", "follow");
        expect429(() -> caps.acquire("dave", "exec"), "exec");
        alice.forEach(LongRequests.Permit::close);
        assertEquals(2, caps.held());
        caps.acquire("alice", "follow");
    }

    @Test
    public void newCapsApplyToNewRequestsAndOpenOnesKeepTheirPermits() {
        LongRequests caps = new LongRequests(LongRequests.TOTAL, LongRequests.PER_PRINCIPAL);
        List<LongRequests.Permit> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(caps.acquire("alice", "follow"));
        }
        expect429(() -> caps.acquire("alice", "follow"), "follow");
        caps.configure(8, 2); // etc/org.sharercloud.portal.cfg changed while 8 are open
        assertEquals("nothing open is cut", 8, caps.held());
        expect429(() -> caps.acquire("bob", "exec"), "exec"); // bob is under his 2, but the new total (8) is reached
        held.forEach(LongRequests.Permit::close);
        caps.acquire("bob", "exec");
        caps.acquire("bob", "exec");
        expect429(() -> caps.acquire("bob", "exec"), "exec");
        assertEquals(2, caps.held());
    }

    private static void expect429(Runnable r, String field) {
        try {
            r.run();
            fail("no 429");
        } catch (ApiException e) {
            assertEquals(429, e.status());
            assertEquals(field, e.field());
        }
    }
}
