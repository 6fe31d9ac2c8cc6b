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
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.scheduler.SchedulerService;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadService;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.rest.AuthFilter;
import org.sharercloud.portal.internal.rest.Json;
import org.sharercloud.portal.internal.rest.MemberResource;
import org.sharercloud.portal.internal.rest.WorkloadResource;

/** {@code --json} prints exactly what the API answers for the same thing (the console acts as an admin). */
public class ShellJsonTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final Workload PENDING = new Workload("w1", "console", WorkloadSpec.job("img", List.of("echo", "<hi>")),
            WorkloadState.PENDING, null, T, T, List.of());
    private static final Workload DONE = new Workload("w2", "console", WorkloadSpec.job("img", List.of("true")), WorkloadState.SUCCEEDED,
            null, T, T, List.of());
    private static final HostInfo HOST = new HostInfo("mid", "box", "Linux", "amd64", 4, 8192, 1000, true, Map.of("gpu", "none"));
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
            String id = (String) args[1];
            return id.equals("w1") ? PENDING : id.equals("w2") ? DONE : (Workload) (Object) fail404(id);
        }, "list", "get"));
        set(s, "scheduler", fake(SchedulerService.class, a -> List.of(new PendingExplanation("w1", 0, T, "first-fit", 2, 0, Map.of(), List.of(),
                false, "no member has 1000m cpu free")), "explain"));
        set(s, "members", fake(MemberService.class, a -> MEMBERS, "list"));
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
        WorkloadListCommand wl = new WorkloadListCommand();
        wl.services = services;
        wl.json = true;
        assertEquals(Json.MAPPER.writeValueAsString(new WorkloadResource(services).list(as(Role.ADMIN, "admin"))) + System.lineSeparator(),
                run(wl));

        MemberListCommand ml = new MemberListCommand();
        ml.services = services;
        ml.json = true;
        assertEquals(Json.MAPPER.writeValueAsString(new MemberResource(services).list(as(Role.ADMIN, "admin"))) + System.lineSeparator(), run(ml));

        WorkerListCommand workers = new WorkerListCommand();
        workers.services = services;
        workers.json = true;
        String requestorView = Json.MAPPER.writeValueAsString(new MemberResource(services).list(as(Role.REQUESTOR, "alice")));
        assertEquals("worker-list is what a requestor sees", requestorView + System.lineSeparator(), run(workers));
        assertTrue("the cordoned member is not offered", requestorView.contains("\"m1\"") && !requestorView.contains("\"m2\""));
        workers.json = false;
        String table = run(workers);
        assertTrue(table, table.contains("m1") && !table.contains("m2"));
    }
}
