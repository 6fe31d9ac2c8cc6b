package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.SecurityContext;

import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberTransition;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.portal.internal.Services;

/** The member resources as thin adapters: JSON shapes, who sees what, and parameter errors. */
public class MemberApiTest {
    private static final HostInfo HOST = new HostInfo("mid", "box", "Linux", "amd64", 4, 8192, 1000, true, Map.of("gpu", "none"));

    private static Member member(String id, MemberState state, boolean cordoned) {
        return new Member(id, "n-" + id, state, cordoned, HOST, SharingPolicy.unrestricted(8192), null, new Capacity(4000, 4000, 8192, 8192),
                Instant.EPOCH, Instant.EPOCH);
    }

    private static final List<String> HISTORY_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static final List<Member> MEMBERS = List.of(member("a", MemberState.ONLINE, false), member("b", MemberState.ONLINE, true),
            member("c", MemberState.OFFLINE, false));

    private static Services services() throws Exception {
        MemberService fake = (MemberService) Proxy.newProxyInstance(MemberApiTest.class.getClassLoader(), new Class<?>[] {MemberService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> MEMBERS;
                    case "get" -> MEMBERS.stream().filter(m -> m.id().equals(args[0])).findFirst().orElseThrow(() -> ApiException.notFound("member " + args[0]));
                    case "history" -> {
                        HISTORY_CALLS.add(args[0] + " " + args[1] + " " + args[2]);
                        yield new MemberHistoryPage(List.of(new MemberTransition(Instant.parse("2025-01-15T12:00:05Z"), MemberState.ONLINE,
                                MemberState.DRAINING, false, "owner load above 0.60 for 15 s (0.83 now)")), "41");
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Services s = new Services();
        Field f = Services.class.getDeclaredField("members");
        f.setAccessible(true);
        f.set(s, fake);
        return s;
    }

    private static SecurityContext as(Role role, String subject) {
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

    @Test
    public void adminsSeeEveryMemberRequestorsOnlyAvailableWorkers() throws Exception {
        MemberResource r = new MemberResource(services());
        assertEquals(3, ((List<?>) r.list(null, null, null, null, as(Role.ADMIN, "admin")).getEntity()).size());
        List<?> workers = (List<?>) r.list(null, null, null, null, as(Role.REQUESTOR, "alice")).getEntity();
        assertEquals(1, workers.size());
        MemberViews.Worker w = (MemberViews.Worker) workers.get(0);
        assertEquals("a", w.id());
        String json = Json.MAPPER.writeValueAsString(w);
        assertTrue(json, json.contains("\"capacity\"") && !json.contains("machineId") && !json.contains("policy"));
        assertStatus(404, null, () -> r.get("c", as(Role.REQUESTOR, "alice")));
        assertStatus(403, null, () -> r.list(null, null, null, null, as(Role.MEMBER, "a")));
        assertEquals("a", ((Member) r.get("a", as(Role.MEMBER, "a"))).id());
        assertStatus(403, null, () -> r.get("b", as(Role.MEMBER, "a")));
        assertStatus(403, null, () -> r.metrics("a", null, null, null, as(Role.REQUESTOR, "alice")));
        assertStatus(400, "from", () -> r.metrics("a", "yesterday", null, null, as(Role.ADMIN, "admin")));
        assertStatus(400, "step", () -> r.metrics("a", null, null, "often", as(Role.ADMIN, "admin")));
        assertStatus(400, "hours", () -> r.availability("a", "many", as(Role.ADMIN, "admin")));
    }

    @Test
    public void historyIsForAdminsAndTheMemberItselfWithLimitParsedHere() throws Exception {
        MemberResource r = new MemberResource(services());
        HISTORY_CALLS.clear();
        MemberHistoryPage page = r.history("a", null, null, as(Role.ADMIN, "admin"));
        assertEquals("{\"items\":[{\"at\":\"2025-01-15T12:00:05Z\",\"from\":\"ONLINE\",\"to\":\"DRAINING\",\"cordoned\":false,"
                + "\"reason\":\"owner load above 0.60 for 15 s (0.83 now)\"}],\"nextCursor\":\"41\"}", Json.MAPPER.writeValueAsString(page));
        r.history("a", " 7 ", "41", as(Role.MEMBER, "a"));
        assertEquals(List.of("a 50 null", "a 7 41"), HISTORY_CALLS);
        assertStatus(403, null, () -> r.history("a", null, null, as(Role.MEMBER, "b")));
        assertStatus(403, null, () -> r.history("a", null, null, as(Role.REQUESTOR, "alice")));
        assertStatus(400, "limit", () -> r.history("a", "lots", null, as(Role.ADMIN, "admin")));
    }

    @Test
    public void membersArePagedInNameOrderAndFilteredByStateAndSearch() throws Exception {
        MemberResource r = new MemberResource(services());
        SecurityContext admin = as(Role.ADMIN, "admin");
        org.sharercloud.api.Page<?> first = (org.sharercloud.api.Page<?>) r.list(null, null, "2", null, admin).getEntity();
        assertEquals(2, first.items().size());
        String json = Json.MAPPER.writeValueAsString(first);
        assertTrue("member fields unwrapped beside the allocation: " + json,
                json.startsWith("{\"items\":[{\"id\":\"a\",\"name\":\"n-a\"") && json.contains("\"allocated\":{\"cpuMillis\":0"));
        org.sharercloud.api.Page<?> second = (org.sharercloud.api.Page<?>) r.list(null, null, "2", first.nextCursor(), admin).getEntity();
        assertEquals(1, second.items().size());
        assertNull(second.nextCursor());
        javax.ws.rs.core.Response cut = r.list(null, null, null, null, admin);
        assertNull("a plain array that holds everything has no next-cursor header", cut.getHeaderString(Paging.NEXT_HEADER));
        assertEquals(1, ((List<?>) r.list("offline", null, null, null, admin).getEntity()).size());
        assertEquals(1, ((List<?>) r.list("CORDONED", null, null, null, admin).getEntity()).size());
        assertEquals(3, ((List<?>) r.list(null, "BOX", null, null, admin).getEntity()).size());
        assertEquals(1, ((List<?>) r.list(null, "n-c", null, null, admin).getEntity()).size());
        assertStatus(400, "state", () -> r.list("asleep", null, null, null, admin));
        assertStatus(400, "limit", () -> r.list(null, null, "0", null, admin));
        assertStatus(400, "limit", () -> r.list(null, null, "lots", null, admin));
        assertStatus(400, "cursor", () -> r.list(null, null, "2", "garbage", admin));
        assertStatus(400, "cursor", () -> r.list(null, null, "2", Paging.encode("c", "x"), admin));
    }

    @Test
    public void pagingCutsPlainArraysAndCarriesTheCursorInAHeader() {
        List<Integer> all = java.util.stream.IntStream.range(0, 2500).boxed().toList();
        org.sharercloud.api.Page<Integer> p = Paging.page(all, i -> String.format("%05d", i), "t", null, Paging.limit(null, false));
        assertEquals(org.sharercloud.api.Page.MAX_LIMIT, p.items().size());
        javax.ws.rs.core.Response plain = Paging.respond(p, false);
        assertEquals(p.nextCursor(), plain.getHeaderString(Paging.NEXT_HEADER));
        assertTrue(plain.getEntity() instanceof List);
        int seen = p.items().size();
        String c = p.nextCursor();
        while (c != null) {
            org.sharercloud.api.Page<Integer> n = Paging.page(all, i -> String.format("%05d", i), "t", c, 700);
            assertEquals(seen, (int) n.items().get(0));
            seen += n.items().size();
            c = n.nextCursor();
        }
        assertEquals(2500, seen);
        assertEquals(org.sharercloud.api.Page.DEFAULT_LIMIT, Paging.limit(null, true));
    }

    @Test
    public void agentBodiesMapFromJson() throws Exception {
        JoinRequest j = Json.MAPPER.readValue("{\"joinToken\":\"t\",\"name\":\"n\",\"host\":{\"machineId\":\"mid\",\"hostname\":\"box\",\"os\":\"Linux\","
                + "\"arch\":\"amd64\",\"cores\":4,\"memoryMb\":8192,\"diskMb\":1000,\"dockerAvailable\":true,\"labels\":{\"gpu\":\"none\"}},"
                + "\"policy\":{\"maxCpuShare\":0.5,\"maxMemoryMb\":2048,\"sharingHours\":\"22-7\",\"pauseWhenOwnerActive\":true,\"ownerActiveThreshold\":0.3}}",
                JoinRequest.class);
        assertEquals(HOST, j.host());
        assertEquals("an agent that sends no hysteresis gets none", new SharingPolicy(0.5, 2048, "22-7", true, 0.3), j.policy());
        SharingPolicy full = new SharingPolicy(0.5, 2048, "22-7", true, 0.6, 15, 30, 0.1);
        String policyJson = Json.MAPPER.writeValueAsString(full);
        assertEquals("{\"maxCpuShare\":0.5,\"maxMemoryMb\":2048,\"sharingHours\":\"22-7\",\"pauseWhenOwnerActive\":true,"
                + "\"ownerActiveThreshold\":0.6,\"ownerActiveSeconds\":15,\"ownerIdleSeconds\":30,\"ownerIdleMargin\":0.1}", policyJson);
        assertEquals(full, Json.MAPPER.readValue(policyJson, SharingPolicy.class));
        Heartbeat hb = Json.MAPPER.readValue("{\"metrics\":{\"cpuLoad\":\"NaN\",\"ownerLoad\":0.1,\"memoryUsedMb\":1,\"memoryTotalMb\":2,"
                + "\"diskFreeMb\":3,\"uptimeSeconds\":4},\"host\":null,\"policy\":null}", Heartbeat.class);
        assertTrue("NaN reaches the service, which refuses it", Double.isNaN(hb.metrics().cpuLoad()));
        assertNull(hb.host());
        String ack = Json.MAPPER.writeValueAsString(new AgentHeartbeatResource.HeartbeatAck("a", MemberState.ONLINE, 5));
        assertEquals("{\"memberId\":\"a\",\"state\":\"ONLINE\",\"heartbeatSeconds\":5}", ack);
        JoinTokenResource.JoinTokenRequest seconds = Json.MAPPER.readValue("{\"ttl\":3600,\"uses\":3}", JoinTokenResource.JoinTokenRequest.class);
        JoinTokenResource.JoinTokenRequest iso = Json.MAPPER.readValue("{\"ttl\":\"PT1H\"}", JoinTokenResource.JoinTokenRequest.class);
        assertEquals(Duration.ofHours(1), Durations.parse("ttl", seconds.ttl()));
        assertEquals(Duration.ofHours(1), Durations.parse("ttl", iso.ttl()));
        assertNull(iso.uses());
    }

    @Test
    public void durationsInEveryUsualSpelling() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("step", "90s"));
        assertEquals(Duration.ofMinutes(15), Durations.parse("step", "15m"));
        assertEquals(Duration.ofDays(7), Durations.parse("ttl", "7d"));
        assertEquals(Duration.ofSeconds(60), Durations.parse("ttl", "60"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("ttl", "pt30m"));
        assertStatus(400, "ttl", () -> Durations.parse("ttl", "soon"));
        assertStatus(400, "ttl", () -> Durations.parse("ttl", -5));
    }

    @Test
    public void requestLatenciesRenderAsACumulativeHistogram() {
        RequestMetrics m = new RequestMetrics();
        m.observe("AgentHeartbeatResource.beat", 200, 3_000_000);
        m.observe("AgentHeartbeatResource.beat", 200, 40_000_000);
        m.observe("AgentHeartbeatResource.beat", 401, 1_000_000);
        String text = m.render();
        String labels = "handler=\"AgentHeartbeatResource.beat\",status=\"2xx\"";
        assertTrue(text, text.contains("sharer_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0025\"} 0\n"));
        assertTrue(text, text.contains("sharer_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 1\n"));
        assertTrue(text, text.contains("sharer_http_request_duration_seconds_bucket{" + labels + ",le=\"0.05\"} 2\n"));
        assertTrue(text, text.contains("sharer_http_request_duration_seconds_count{" + labels + "} 2\n"));
        assertTrue(text, text.contains("status=\"4xx\",le=\"+Inf\"} 1\n"));
    }

    static void assertStatus(int status, String field, Runnable r) {
        try {
            r.run();
            fail("expected " + status);
        } catch (ApiException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertEquals(e.getMessage(), field, e.field());
        }
    }
}
