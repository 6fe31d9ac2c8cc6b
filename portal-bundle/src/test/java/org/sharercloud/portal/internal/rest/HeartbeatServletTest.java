package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.Before;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenService;
import org.sharercloud.api.members.Capacity;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.portal.internal.Services;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The heartbeat servlet against fake members and token services, through fake servlet requests: the
 * same answers, error shape and request metrics as the JAX-RS resource behind the auth filter.
 */
public class HeartbeatServletTest {
    private static final String GOOD = "{\"metrics\":{\"cpuLoad\":0.5,\"ownerLoad\":0.1,\"memoryUsedMb\":100,\"memoryTotalMb\":8192,"
            + "\"diskFreeMb\":500,\"uptimeSeconds\":10},\"host\":null,\"policy\":null}";
    private static final HostInfo HOST = new HostInfo("mid", "box", "Linux", "amd64", 4, 8192, 1000, true, Map.of());

    private final List<Heartbeat> received = new ArrayList<>();
    private RequestMetrics metrics;
    private Services services;
    private HeartbeatServlet servlet;

    @Before
    public void setUp() throws Exception {
        MemberService members = (MemberService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MemberService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    // a, ghost and busy have live credentials; ghost vanished since, busy is refused by the module
                    case "authenticate" -> Optional.ofNullable(Map.of("m.a.good", "a", "m.ghost.s", "ghost", "m.busy.s", "busy").get((String) args[0]));
                    case "heartbeat" -> beat((String) args[0], (Heartbeat) args[1]);
                    case "heartbeatSeconds" -> 5;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TokenService tokens = (TokenService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TokenService.class},
                (proxy, method, args) -> "authenticate".equals(method.getName())
                        ? Optional.ofNullable("admin-token".equals(args[0]) ? new Principal("admin", Role.ADMIN) : null)
                        : null);
        services = new Services();
        set("members", members);
        set("tokens", tokens);
        metrics = new RequestMetrics();
        servlet = new HeartbeatServlet(services, metrics);
    }

    private Member beat(String id, Heartbeat hb) {
        if (hb == null) {
            throw ApiException.badRequest("metrics", "send a JSON body with metrics (and optionally host and policy)");
        }
        if (id.equals("ghost")) {
            throw ApiException.notFound("member ghost");
        }
        if (id.equals("busy")) {
            throw ApiException.conflict("member busy was removed");
        }
        received.add(hb);
        return new Member(id, "n-" + id, MemberState.ONLINE, false, HOST, SharingPolicy.unrestricted(8192), hb.metrics(), new Capacity(4000, 4000, 8192, 8192),
                Instant.EPOCH, Instant.EPOCH);
    }

    private void set(String field, Object value) throws Exception {
        Field f = Services.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(services, value);
    }

    @Test
    public void aMemberHeartbeatIsAcknowledgedAsByTheResource() throws Exception {
        Answer a = call("POST", "m.a.good", "application/json; charset=UTF-8", null, GOOD);
        assertEquals(200, a.status);
        assertEquals("application/json", a.contentType);
        assertEquals("{\"memberId\":\"a\",\"state\":\"ONLINE\",\"heartbeatSeconds\":5}", a.text());
        assertEquals(a.body.length, a.contentLength);
        assertTrue(a.headers.get("Date").endsWith(" GMT"));
        assertEquals(1, received.size());
        assertEquals(0.5, received.get(0).metrics().cpuLoad(), 0);
        byte[] viaResource = AgentHeartbeatResource.ack(services, new Principal("a", Role.MEMBER), GOOD.getBytes(StandardCharsets.UTF_8));
        assertEquals(a.text(), new String(viaResource, StandardCharsets.UTF_8));
        assertTrue(metrics.render().contains("sharer_http_request_duration_seconds_count{handler=\"AgentHeartbeatResource.beat\",status=\"2xx\"} 1\n"));
    }

    @Test
    public void authenticationFailuresAre401InTheErrorShapeAndNotCounted() throws Exception {
        assertError(call("POST", null, "application/json", null, GOOD), 401, BearerAuth.MISSING, null);
        assertError(call("POST", "Basic abc", "application/json", null, GOOD), 401, BearerAuth.MISSING, null);
        assertError(call("POST", "Bearer m.a.wrong", "application/json", null, GOOD), 401, BearerAuth.UNKNOWN, null);
        assertError(call("POST", "Bearer m.nobody.s", "application/json", null, GOOD), 401, BearerAuth.UNKNOWN, null);
        assertError(call("POST", "Bearer other", "application/json", null, GOOD), 401, BearerAuth.UNKNOWN, null);
        assertError(call("GET", null, null, null, null), 401, BearerAuth.MISSING, null);
        assertTrue(received.isEmpty());
        assertFalse(metrics.render().contains("_count{"));
    }

    @Test
    public void aModuleThatIsDownIs503() throws Exception {
        set("members", null);
        assertError(call("POST", "m.a.good", "application/json", null, GOOD), 503, null, null);
    }

    @Test
    public void aBodyAboveTheCapIs413NamingTheLimitAndNothingIsStored() throws Exception {
        String big = "{\"metrics\":{\"cpuLoad\":0.5},\"pad\":\"" + "x".repeat(256 * 1024) + "\"}";
        assertError(call("POST", "m.a.good", "application/json", null, big), 413,
                "the request body is larger than 262144 bytes, the limit here (body.heartbeat.max.bytes in etc/org.sharercloud.portal.cfg)", "body");
        assertTrue(received.isEmpty());
    }

    @Test
    public void badBodiesAre400NamingTheField() throws Exception {
        assertError(call("POST", "m.a.good", "application/json", null, "{\"metrics\":{\"cpuLoad\":\"x\"}}"), 400,
                "field 'metrics.cpuLoad' has the wrong type or format", "metrics.cpuLoad");
        assertError(call("POST", "m.a.good", "application/json", null, "{\"bogus\":1}"), 400, "unknown field 'bogus'", "bogus");
        assertError(call("POST", "m.a.good", "application/json", null, "{\"metrics\":"), 400, null, null);
        assertError(call("POST", "m.a.good", "application/json", null, ""), 400, "send a JSON body with metrics (and optionally host and policy)", "metrics");
        assertTrue(received.isEmpty());
        assertTrue(metrics.render().contains("_count{handler=\"AgentHeartbeatResource.beat\",status=\"4xx\"} 4\n"));
    }

    @Test
    public void nonMembersAndMembersTheModuleRefusesGetItsStatus() throws Exception {
        assertError(call("POST", "admin-token", "application/json", null, GOOD), 403, "this needs a member credential (agents only)", null);
        assertError(call("POST", "m.ghost.s", "application/json", null, GOOD), 404, "member ghost not found", null);
        assertError(call("POST", "m.busy.s", "application/json", null, GOOD), 409, "member busy was removed", null);
        assertTrue(metrics.render().contains("_count{handler=\"AgentHeartbeatResource.beat\",status=\"4xx\"} 3\n"));
    }

    @Test
    public void methodAndMediaTypeRefusalsMatchCxfAndCountAsUnmatched() throws Exception {
        assertError(call("GET", "m.a.good", null, null, null), 405, "method not allowed on this path", null);
        assertError(call("PUT", "m.a.good", "application/json", null, GOOD), 405, "method not allowed on this path", null);
        assertError(call("POST", "m.a.good", "text/plain", null, GOOD), 415, "send Content-Type: application/json", null);
        assertError(call("POST", "m.a.good", "application/json", "application/xml", GOOD), 406, "only application/json is produced here", null);
        Answer head = call("HEAD", "m.a.good", null, null, null);
        assertEquals(405, head.status);
        assertEquals(0, head.body.length);
        Answer options = call("OPTIONS", "m.a.good", null, null, null);
        assertEquals(200, options.status);
        assertEquals(HeartbeatServlet.CXF_ALLOW, options.headers.get("Allow"));
        assertTrue(received.isEmpty());
        String text = metrics.render();
        assertTrue(text, text.contains("_count{handler=\"unmatched\",status=\"4xx\"} 5\n"));
        // CXF matches the method before it finds no reader for an untyped body
        assertError(call("POST", "m.a.good", null, null, GOOD), 415, "send Content-Type: application/json", null);
        assertTrue(metrics.render().contains("_count{handler=\"AgentHeartbeatResource.beat\",status=\"4xx\"} 1\n"));
        assertTrue(text, text.contains("_count{handler=\"unmatched\",status=\"2xx\"} 1\n"));
    }

    @Test
    public void mediaTypesAreReadAsCxfReadsThem() {
        assertTrue(HeartbeatServlet.json("APPLICATION/JSON"));
        assertTrue(HeartbeatServlet.json("application/*"));
        assertTrue(HeartbeatServlet.json("bogus"));
        assertFalse(HeartbeatServlet.json("application/json-patch+json"));
        assertFalse(HeartbeatServlet.json("text/*"));
        assertTrue(HeartbeatServlet.acceptable(null));
        assertTrue(HeartbeatServlet.acceptable(Collections.enumeration(List.of(""))));
        assertTrue(HeartbeatServlet.acceptable(Collections.enumeration(List.of("application/xml, */*;q=0.1"))));
        assertTrue(HeartbeatServlet.acceptable(Collections.enumeration(List.of("text/html", "application/json;q=0"))));
        assertFalse(HeartbeatServlet.acceptable(Collections.enumeration(List.of("text/html, text/*"))));
    }

    private static void assertError(Answer a, int status, String error, String field) throws Exception {
        assertEquals(a.text(), status, a.status);
        assertEquals("application/json", a.contentType);
        JsonNode json = Json.MAPPER.readTree(a.body);
        assertEquals(status, json.get("status").asInt());
        assertTrue(a.text(), json.get("error").asText().length() > 0);
        if (error != null) {
            assertEquals(error, json.get("error").asText());
        }
        assertEquals(field, json.has("field") ? json.get("field").asText() : null);
        assertNull("no stack trace", json.get("trace"));
    }

    /** What the servlet wrote. */
    private static final class Answer {
        int status = 200;
        String contentType;
        int contentLength = -1;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body;

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Answer call(String method, String auth, String contentType, String accept, String body) throws Exception {
        String authorization = auth == null || auth.startsWith("Basic ") || auth.startsWith("Bearer ") ? auth : "Bearer " + auth;
        ByteArrayInputStream in = new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        ServletInputStream sin = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContentType" -> contentType;
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    case "getHeaders" -> "Accept".equals(args[0]) && accept != null ? Collections.enumeration(List.of(accept)) : Collections.emptyEnumeration();
                    case "getInputStream" -> sin;
                    case "getContentLengthLong" -> -1L; // as a chunked body: the cap is counted while reading
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Answer a = new Answer();
        ServletOutputStream sout = new ServletOutputStream() {
            @Override
            public void write(int b) {
                a.out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletResponse res = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> a.status = (Integer) args[0];
                        case "setContentType" -> a.contentType = (String) args[0];
                        case "setContentLength" -> a.contentLength = (Integer) args[0];
                        case "setHeader" -> a.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return sout;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        servlet.service(req, res);
        a.body = a.out.toByteArray();
        if (a.contentLength >= 0 && !"HEAD".equals(method)) {
            assertEquals(a.contentLength, a.body.length);
        }
        return a;
    }
}
