package org.sharercloud.portal.internal.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.SecurityContext;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.api.auth.TokenService;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinTokenInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AttemptState;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadQuery;
import org.sharercloud.api.workloads.WorkloadService;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.AuthFilter;
import org.sharercloud.portal.internal.rest.JoinTokenResource;
import org.sharercloud.portal.internal.rest.Json;
import org.sharercloud.portal.internal.rest.MemberResource;
import org.sharercloud.portal.internal.rest.TokenResource;
import org.sharercloud.portal.internal.rest.WorkloadResource;

/** {@code --json} prints exactly what the API answers for the same thing (the console acts as an admin). */
public class ShellJsonTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final Workload PENDING = new Workload("w1", "console", WorkloadSpec.job("img", List.of("echo", "<hi>")),
            WorkloadState.PENDING, null, T, T, List.of());
    private static final Workload DONE = new Workload("w2", "console", WorkloadSpec.job("img", List.of("true")), WorkloadState.SUCCEEDED,
            null, T, T, List.of());
    private static final HostInfo HOST = new HostInfo("mid", "box", "Linux", "amd64", 4, 8192, 1000, true, Map.of("gpu", "none"));
    private static final Attempt ATTEMPT = new Attempt("a1", "w2", 0, "m1", 1, AttemptState.SUCCEEDED, 0, null, "first-fit", T, T, T, 0.5,
            12, null);
    private static final List<TokenInfo> TOKENS = List.of(new TokenInfo("t-alice", "alice", Role.REQUESTOR, T, false),
            new TokenInfo("t-admin", "admin", Role.ADMIN, T, false));
    private static final List<Member> MEMBERS = List.of(
            new Member("m1", "one", MemberState.ONLINE, false, HOST, SharingPolicy.unrestricted(8192), null, new Capacity(4000, 3000, 8192, 4096), T, T),
            new Member("m2", "two", MemberState.ONLINE, true, HOST, SharingPolicy.unrestricted(8192), null, new Capacity(4000, 4000, 8192, 8192), T, T));

    private static <T> T fake(Class<T> type, java.util.function.Function<Object[], Object> answer, String... methods) {
        return type.cast(Proxy.newProxyInstance(ShellJsonTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (List.of(methods).contains(method.getName())) {
                return answer.apply(new Object[] {method.getName(), args});
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }

    static Services services() throws Exception {
        Services s = new Services();
        set(s, "workloads", fake(WorkloadService.class, a -> {
            Object[] args = (Object[]) a[1];
            if ("list".equals(a[0])) {
                return List.of(PENDING, DONE);
            }
            if ("page".equals(a[0])) { // a page of one, the cursor "w1" for the second
                WorkloadQuery q = (WorkloadQuery) args[1];
                List<Workload> all = List.of(PENDING, DONE).stream().filter(w -> q.state() == null || w.state() == q.state()).toList();
                int from = q.cursor() == null ? 0 : 1;
                int to = Math.min(all.size(), from + q.limit());
                return new Page<>(all.subList(Math.min(from, to), to), to < all.size() ? all.get(to - 1).id() : null);
            }
            if ("attemptsOn".equals(a[0])) {
                return new Page<>(List.of(ATTEMPT), null);
            }
            String id = (String) args[1];
            return id.equals("w1") ? PENDING : id.equals("w2") ? DONE : (Workload) (Object) fail404(id);
        }, "list", "get", "page", "attemptsOn"));
        set(s, "scheduler", fake(SchedulerService.class, a -> List.of(new PendingExplanation("w1", 0, T, "first-fit", 2, 0, Map.of(), List.of(),
                false, "no member has 1000m cpu free")), "explain"));
        set(s, "members", fake(MemberService.class, a -> switch ((String) a[0]) {
            case "countByState" -> Map.of(MemberState.ONLINE, 2);
            case "joinTokens" -> List.of(new JoinTokenInfo("j1", T, T.plusSeconds(3600), 2, 1));
            case "get" -> MEMBERS.stream().filter(m -> m.id().equals(((Object[]) a[1])[0])).findFirst()
                    .orElseThrow(() -> ApiException.notFound("member " + ((Object[]) a[1])[0]));
            default -> MEMBERS;
        }, "list", "countByState", "joinTokens", "get"));
        set(s, "tokens", fake(TokenService.class, a -> {
            if ("revoke".equals(a[0])) {
                String id = (String) ((Object[]) a[1])[0];
                if (id.equals("t-admin")) {
                    throw ApiException.conflict("this is the last admin token; mint another admin token first");
                }
                return new TokenInfo(id, "alice", Role.REQUESTOR, T, true);
            }
            return TOKENS;
        }, "list", "revoke"));
        return s;
    }

    private static Object fail404(String id) {
        throw ApiException.notFound("workload " + id);
    }

    private static void set(Services s, String field, Object value) throws Exception {
        Field f = Services.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(s, value);
    }

    static SecurityContext as(Role role, String subject) {
        AuthFilter.UserPrincipal user = new AuthFilter.UserPrincipal(new Principal(subject, role));
        return new SecurityContext() {
            @Override
            public java.security.Principal getUserPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String r) {
                return role.name().equalsIgnoreCase(r);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    /** Runs a command and returns what it printed. */
    static String run(SharerCommand command) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void workloadShowJsonIsTheApisWorkloadWithWhyPending() throws Exception {
        Services services = services();
        WorkloadResource api = new WorkloadResource(services);
        for (String id : List.of("w1", "w2")) {
            WorkloadShowCommand c = new WorkloadShowCommand();
            c.services = services;
            c.id = id;
            c.json = true;
            assertEquals(Json.MAPPER.writeValueAsString(api.get(id, as(Role.ADMIN, "admin"))) + System.lineSeparator(), run(c));
        }
        WorkloadShowCommand c = new WorkloadShowCommand();
        c.services = services;
        c.id = "w1";
        c.json = true;
        assertTrue(run(c).contains("\"summary\":\"no member has 1000m cpu free\""));
        c.json = false;
        String table = run(c);
        assertTrue(table, table.contains("Pending replica 0: no member has 1000m cpu free"));
        c.id = "nope";
        assertEquals("Error: workload nope not found" + System.lineSeparator(), run(c));
    }

    @Test
    public void listingsJsonAreTheApisLists() throws Exception {
        Services services = services();
        SecurityContext admin = as(Role.ADMIN, "admin");
        WorkloadResource workloads = new WorkloadResource(services);
        WorkloadListCommand wl = new WorkloadListCommand();
        wl.services = services;
        wl.json = true;
        assertEquals(json(workloads.list(null, null, null, null, null, admin).getEntity()), run(wl));
        assertTrue("the plain array", run(wl).startsWith("[{\"id\":\"w1\""));
        wl.limit = "1";
        String page = run(wl);
        assertEquals("with --limit, the page envelope", json(workloads.list(null, null, null, "1", null, admin).getEntity()), page);
        assertTrue(page, page.startsWith("{\"items\":[{\"id\":\"w1\"") && page.contains("\"nextCursor\":\"w1\""));
        wl.cursor = "w1";
        assertEquals(json(workloads.list(null, null, null, "1", "w1", admin).getEntity()), run(wl));
        wl.json = false;
        String table = run(wl);
        assertTrue(table, table.contains("w2") && !table.contains("w1 ") && table.contains("1 workload"));
        wl.cursor = null;
        assertTrue("a cut table says how to go on: " + run(wl), run(wl).contains("more: sharer:workload-list --cursor w1"));
        wl.limit = "0";
        assertEquals("Error: limit must be a whole number between 1 and 1000" + System.lineSeparator(), run(wl));
        wl.limit = null;
        wl.state = "asleep";
        assertTrue(run(wl), run(wl).startsWith("Error: state must be one of"));
        wl.state = "succeeded";
        wl.json = true;
        assertEquals(json(workloads.list("succeeded", null, null, null, null, admin).getEntity()), run(wl));

        MemberResource members = new MemberResource(services);
        MemberListCommand ml = new MemberListCommand();
        ml.services = services;
        ml.json = true;
        String memberJson = run(ml);
        assertEquals(json(members.list(null, null, null, null, admin).getEntity()), memberJson);
        assertTrue("member fields and what is placed there: " + memberJson, memberJson.contains("\"allocated\":{\"cpuMillis\":0"));
        ml.limit = "1";
        assertEquals(json(members.list(null, null, "1", null, admin).getEntity()), run(ml));
        ml.json = false;
        ml.limit = null;
        ml.state = "cordoned";
        String cordoned = run(ml);
        assertTrue(cordoned, cordoned.contains("m2") && !cordoned.contains("m1") && cordoned.contains("1 member"));

        WorkerListCommand workers = new WorkerListCommand();
        workers.services = services;
        workers.json = true;
        String requestorView = json(members.list(null, null, null, null, as(Role.REQUESTOR, "alice")).getEntity());
        assertEquals("worker-list is what a requestor sees", requestorView, run(workers));
        assertTrue("the cordoned member is not offered", requestorView.contains("\"m1\"") && !requestorView.contains("\"m2\""));
        workers.json = false;
        table = run(workers);
        assertTrue(table, table.contains("m1") && !table.contains("m2"));
    }

    @Test
    public void newOperationsCommandsPrintTheApisJson() throws Exception {
        Services services = services();
        SecurityContext admin = as(Role.ADMIN, "admin");
        TokenListCommand tl = new TokenListCommand();
        tl.services = services;
        tl.json = true;
        assertEquals(json(new TokenResource(services).list(admin)), run(tl));
        tl.json = false;
        assertTrue(run(tl), run(tl).contains("t-alice") && run(tl).contains("REQUESTOR"));

        TokenRevokeCommand tr = new TokenRevokeCommand();
        tr.services = services;
        tr.id = "t-alice";
        tr.json = true;
        assertEquals(json(new TokenResource(services).revoke("t-alice", admin)), run(tr));
        tr.id = "t-admin";
        assertEquals("Error: this is the last admin token; mint another admin token first" + System.lineSeparator(), run(tr));

        JoinTokenListCommand jl = new JoinTokenListCommand();
        jl.services = services;
        jl.json = true;
        assertEquals(json(new JoinTokenResource(services).list(admin)), run(jl));

        MemberSummaryCommand ms = new MemberSummaryCommand();
        ms.services = services;
        ms.json = true;
        assertEquals(json(new MemberResource(services).summary(admin)), run(ms));
        assertEquals("{\"CORDONED\":1,\"ONLINE\":2}" + System.lineSeparator(), run(ms));
        ms.json = false;
        assertEquals("1 cordoned, 2 online" + System.lineSeparator(), run(ms));

        MemberAttemptsCommand ma = new MemberAttemptsCommand();
        ma.services = services;
        ma.id = "m1";
        ma.json = true;
        assertEquals(json(new MemberResource(services).attempts("m1", null, null, admin).getEntity()), run(ma));
        ma.json = false;
        assertTrue(run(ma), run(ma).contains("a1") && run(ma).contains("1 attempt"));
        ma.id = "nope";
        assertEquals("Error: member nope not found" + System.lineSeparator(), run(ma));
    }

    private static String json(Object apiAnswer) throws Exception {
        return Json.MAPPER.writeValueAsString(apiAnswer) + System.lineSeparator();
    }
}
