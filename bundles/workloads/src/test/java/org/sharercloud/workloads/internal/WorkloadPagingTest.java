package org.sharercloud.workloads.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.sharercloud.workloads.internal.Fixture.ADMIN;
import static org.sharercloud.workloads.internal.Fixture.ALICE;
import static org.sharercloud.workloads.internal.Fixture.BOB;
import static org.sharercloud.workloads.internal.Fixture.expect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadQuery;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;

/** Paginated, filtered listings over the real store: every row once, in order, filters applied, bad cursors refused. */
public class WorkloadPagingTest {
    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture();
    }

    @After
    public void tearDown() {
        f.close();
    }

    private Workload submit(Principal who, String name) {
        return f.workloads.submit(who, new WorkloadSpec(name, "busybox:1.36", List.of("true"), null, 100, 64, 60, 1, 0, null, null, null, null));
    }

    private List<Workload> all(Principal who, WorkloadQuery q) {
        List<Workload> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Workload> p = f.workloads.page(who, new WorkloadQuery(q.state(), q.search(), q.owner(), cursor, q.limit()));
            assertTrue("a page is never larger than its limit", p.items().size() <= q.limit());
            out.addAll(p.items());
            cursor = p.nextCursor();
            assertTrue("terminates", ++pages < 100);
        } while (cursor != null);
        return out;
    }

    @Test
    public void pagesCoverEveryWorkloadOnceNewestFirstAndOnlyTheCallersOwn() {
        for (int i = 0; i < 23; i++) {
            submit(i % 3 == 0 ? BOB : ALICE, "job-" + i);
        }
        List<Workload> expected = f.workloads.list(ALICE);
        List<Workload> paged = all(ALICE, new WorkloadQuery(null, null, null, null, 4));
        assertEquals(expected.stream().map(Workload::id).toList(), paged.stream().map(Workload::id).toList());
        assertTrue(paged.stream().allMatch(w -> w.owner().equals("alice")));
        Set<String> ids = new HashSet<>();
        all(ADMIN, new WorkloadQuery(null, null, null, null, 5)).forEach(w -> assertTrue(ids.add(w.id())));
        assertEquals(23, ids.size());
        assertEquals(8, all(ADMIN, new WorkloadQuery(null, null, "bob", null, 3)).size());
        Page<Workload> first = f.workloads.page(ALICE, new WorkloadQuery(null, null, null, null, 1000));
        assertNull("one page holds all: no next cursor", first.nextCursor());
        assertEquals(15, first.items().size());
    }

    @Test
    public void filtersByStateAndSearchWithWildcardsTakenLiterally() {
        Workload a = submit(ALICE, "render-frames");
        submit(ALICE, "train_model");
        submit(ALICE, "trainXmodel");
        f.workloads.cancel(ALICE, a.id());
        assertEquals(List.of(a.id()), all(ALICE, new WorkloadQuery(WorkloadState.CANCELLED, null, null, null, 10)).stream().map(Workload::id).toList());
        assertEquals(2, all(ALICE, new WorkloadQuery(WorkloadState.PENDING, null, null, null, 10)).size());
        assertEquals(List.of("train_model"), all(ALICE, new WorkloadQuery(null, "N_M", null, null, 10)).stream().map(w -> w.spec().name()).toList());
        assertEquals(1, all(ALICE, new WorkloadQuery(null, a.id().substring(0, 8), null, null, 10)).size());
        assertEquals(0, all(ALICE, new WorkloadQuery(null, "%", null, null, 10)).size());
    }

    @Test
    public void badCursorLimitAndForeignOwnerAre400NamingTheField() {
        submit(ALICE, "x");
        assertEquals("cursor", expect(400, () -> f.workloads.page(ALICE, new WorkloadQuery(null, null, null, "bm90LW91cnM", 10))).field());
        assertEquals("limit", expect(400, () -> f.workloads.page(ALICE, new WorkloadQuery(null, null, null, null, 0))).field());
        assertEquals("limit", expect(400, () -> f.workloads.page(ALICE, new WorkloadQuery(null, null, null, null, 1001))).field());
        assertEquals("owner", expect(400, () -> f.workloads.page(ALICE, new WorkloadQuery(null, null, "bob", null, 10))).field());
    }

    @Test
    public void attemptsOnAMemberArePagedNewestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            Workload w = submit(ALICE, "j" + i);
            f.queue.bind(f.demand(w.id(), 0), i < 4 ? "m1" : "m2", "test");
            Thread.sleep(2);
        }
        Page<Attempt> p1 = f.workloads.attemptsOn("m1", null, 3);
        assertEquals(3, p1.items().size());
        assertNotNull(p1.nextCursor());
        Page<Attempt> p2 = f.workloads.attemptsOn("m1", p1.nextCursor(), 3);
        assertEquals(1, p2.items().size());
        assertNull(p2.nextCursor());
        assertTrue(p1.items().get(0).scheduledAt().compareTo(p1.items().get(2).scheduledAt()) >= 0);
        assertEquals("m2", f.workloads.attemptsOn("m2", null, 10).items().get(0).memberId());
    }
}
