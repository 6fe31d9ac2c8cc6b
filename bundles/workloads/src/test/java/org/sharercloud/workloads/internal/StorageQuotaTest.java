package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ADMIN;
import static org.sharercloud.workloads.internal.Fixture.ALICE;
import static org.sharercloud.workloads.internal.Fixture.BOB;
import static org.sharercloud.workloads.internal.Fixture.expect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.QuotaExceeded;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.api.workloads.Usage;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.testing.ManualClock;

/**
 * The storage quota ({@code storage.max.bytes.per.owner}) on the real store: a requestor keeping its limit of logs and
 * outputs or more gets a 429 on submit that names the quota, what is used and the limit, with a wait until retention
 * frees the oldest, and nothing is stored; work admitted before keeps every byte it writes; other requestors and admins
 * are not limited; {@code usage} shows it; retention's purge frees the quota.
 */
public class StorageQuotaTest {
    private final ManualClock clock = new ManualClock();
    private Fixture f;

    @Before
    public void open() throws Exception {
        f = new Fixture();
        f.clock = clock;
        f.storageMaxBytesPerOwner = 100;
        f.restart();
    }

    @After
    public void close() {
        f.close();
    }

    private Workload submit(org.sharercloud.api.auth.Principal who) {
        return f.workloads.submit(who, new WorkloadSpec("job", "busybox:1.36", List.of("true"), Map.of(), 100, 16, 600, 1, 0, Map.of(),
                null, null, null));
    }

    private static String bytes(int n) {
        return "x".repeat(n - 1) + "\n";
    }

    @Test
    public void overItsQuotaARequestorGets429NamingItAndWorkAdmittedBeforeKeepsEverything() throws Exception {
        Workload first = submit(ALICE);
        Workload second = submit(ALICE);
        String a = f.queue.bind(f.demand(first.id(), 0), "m1", "test");
        String b = f.queue.bind(f.demand(second.id(), 0), "m2", "test");
        f.agent.reportAttempt("m1", a, AttemptEvent.log(1, "stdout", bytes(60)));
        byte[] tar = "fifty bytes of an archive, more or less, exactly..".getBytes(StandardCharsets.UTF_8);
        assertEquals(50, tar.length);
        f.agent.reportAttempt("m1", a, AttemptEvent.result(1, 0, "SUCCEEDED", null, 0.0, 1, tar, AgentGatewayImpl.sha256(tar)));
        // the second was admitted while under the quota: its log is kept whole although it crosses the limit
        f.agent.reportAttempt("m2", b, AttemptEvent.log(1, "stdout", bytes(70)));
        assertEquals(bytes(70), f.workloads.logs(ALICE, second.id(), 0, Duration.ZERO).chunks().get(0).text());
        assertArrayEquals(tar, f.workloads.outputs(ALICE, first.id(), null).data());

        ApiException e = expect(429, () -> submit(ALICE));
        assertTrue(e instanceof QuotaExceeded);
        assertEquals("storage", e.field());
        assertTrue(e.getMessage(), e.getMessage().contains("keeps 180 bytes") && e.getMessage().contains("quota of 100 bytes")
                && e.getMessage().contains("storage.max.bytes.per.owner"));
        long retry = ((QuotaExceeded) e).retryAfterSeconds();
        assertTrue("until retention (30 days) deletes the first: " + retry, retry > 29L * 86_400 && retry <= 30L * 86_400);
        assertEquals("nothing stored", 2, f.workloads.list(ALICE).size());

        submit(BOB);
        submit(ADMIN);
        Usage u = f.workloads.usage(ALICE, null);
        assertEquals(new Usage("alice", 180, 130, 50, 100L, 1, 1000, 0, 10), u);
        assertEquals(u, f.workloads.usage(ADMIN, "alice"));
        expect(403, () -> f.workloads.usage(ALICE, "bob"));
        Usage admin = f.workloads.usage(ADMIN, null);
        assertNull("admins are not limited", admin.storageLimitBytes());
        assertNull(admin.activeLimit());
    }

    @Test
    public void anUnknownOrHostileOwnerIsAnEmptyUsageNeverAFault() {
        assertEquals(0, f.workloads.usage(ADMIN, "nobody").storedBytes());
        assertEquals(0, f.workloads.usage(ADMIN, "x".repeat(5000)).storedBytes());
        assertEquals(0, f.workloads.usage(ADMIN, "'; DROP TABLE wl_workload; --").storedBytes());
    }

    @Test
    public void retentionFreesTheQuota() throws Exception {
        Workload w = submit(ALICE);
        String a = f.queue.bind(f.demand(w.id(), 0), "m1", "test");
        f.agent.reportAttempt("m1", a, AttemptEvent.log(1, "stdout", bytes(100)));
        f.agent.reportAttempt("m1", a, AttemptEvent.result(1, 0, "SUCCEEDED", null, 0.0, 1, null, null));
        expect(429, () -> submit(ALICE));
        clock.advanceSeconds(31L * 86_400);
        AttemptDeadlines deadlines = new AttemptDeadlines(f.core);
        try {
            assertEquals("its log chunk", 1, deadlines.purge());
        } finally {
            deadlines.close();
        }
        assertEquals(0, f.workloads.usage(ALICE, null).storedBytes());
        submit(ALICE);
    }

    @Test
    public void withoutRetentionTheAnswerSaysNothingFreesIt() throws Exception {
        f.close();
        f = new Fixture();
        f.clock = clock;
        f.storageMaxBytesPerOwner = 10;
        f.restart();
        Workload w = submit(ALICE);
        String a = f.queue.bind(f.demand(w.id(), 0), "m1", "test");
        f.agent.reportAttempt("m1", a, AttemptEvent.log(1, "stdout", bytes(20)));
        QuotaExceeded e = (QuotaExceeded) expect(429, () -> submit(ALICE));
        assertEquals("its workload has not ended: no date to give", StorageQuota.RETRY_UNKNOWN_SECONDS, e.retryAfterSeconds());
    }
}
