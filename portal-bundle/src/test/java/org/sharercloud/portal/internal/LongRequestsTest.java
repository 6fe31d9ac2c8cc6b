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
