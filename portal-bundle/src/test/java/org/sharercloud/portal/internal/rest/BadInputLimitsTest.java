package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.agent.AttemptEvent;
import org.sharercloud.portal.internal.Services;

/** Body caps, JSON depth and string limits, and the join token checked before the body is bound. */
public class BadInputLimitsTest {
    @BeforeClass
    public static void limits() {
        JsonLimits.apply(BodyLimits.DEFAULTS);
    }

    @AfterClass
    public static void unlimited() {
        JsonLimits.apply(new BodyLimits(1, 1, 1, 1, 1000, 20_000_000));
    }

    private static ErrorBody error(String json, Class<?> type) {
        try {
            Json.MAPPER.readValue(json, type);
        } catch (Exception e) {
            return ErrorMapper.body(e);
        }
        throw new AssertionError("accepted " + json.substring(0, Math.min(80, json.length())));
    }

    @Test
    public void eachPathHasItsCapAndTheKeyThatSetsIt() {
        BodyLimits l = BodyLimits.DEFAULTS;
        assertEquals(new BodyLimits.Cap(64 * 1024, "body.join.max.bytes"), l.capFor("/agent/join"));
        assertEquals(new BodyLimits.Cap(256 * 1024, "body.heartbeat.max.bytes"), l.capFor("agent/heartbeat/"));
        assertEquals(new BodyLimits.Cap(32 * 1024 * 1024, "body.agent.events.max.bytes"), l.capFor("agent/attempts/a1/events"));
        assertEquals(new BodyLimits.Cap(32 * 1024 * 1024, "body.agent.events.max.bytes"), l.capFor("agent/reservations/r1/events"));
        assertEquals(new BodyLimits.Cap(4 * 1024 * 1024, "body.max.bytes"), l.capFor("workloads"));
        assertEquals(new BodyLimits.Cap(4 * 1024 * 1024, "body.max.bytes"), l.capFor("agent/attempts/a1/events/x"));
    }

    @Test
    public void aBodyIsReadUpToItsCapOnlyAndADeclaredLengthAboveItIsRefusedUnread() throws IOException {
        BodyLimits.Cap cap = new BodyLimits.Cap(10, "body.max.bytes");
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), BodyLimits.read(new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.UTF_8)), -1, cap));
        try {
            BodyLimits.read(new ByteArrayInputStream("0123456789A".getBytes(StandardCharsets.UTF_8)), -1, cap);
            fail("11 bytes accepted under a cap of 10");
        } catch (ApiException e) {
            assertEquals(413, e.status());
            assertEquals("body", e.field());
            assertTrue(e.getMessage(), e.getMessage().contains("10 bytes") && e.getMessage().contains("body.max.bytes"));
        }
        try {
            BodyLimits.read(null, 11, cap); // refused on its Content-Length: nothing read
            fail("a declared 11 bytes accepted under a cap of 10");
        } catch (ApiException e) {
            assertEquals(413, e.status());
        }
    }

    @Test
    public void theFilterStreamFailsOnceThePathCapIsPassedAndTheMapperSays413() throws IOException {
        BodyLimits.Cap cap = new BodyLimits.Cap(100, "body.join.max.bytes");
        String json = "{\"joinToken\":\"" + "t".repeat(200) + "\"}";
        try (BodyLimitFilter.Capped in = new BodyLimitFilter.Capped(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), cap)) {
            Json.MAPPER.readValue(in, JoinRequest.class);
            fail("read past the cap");
        } catch (BodyLimitFilter.TooLarge e) {
            ErrorBody body = ErrorMapper.body(e);
            assertEquals(413, body.status());
            assertEquals("body", body.field());
            assertTrue(body.error(), body.error().contains("body.join.max.bytes"));
        }
    }

    @Test
    public void jsonNestedTooDeepOrWithAHugeStringIs413NamingTheLimit() {
        String deep = "{\"model\":" + "[".repeat(40) + "]".repeat(40) + "}";
        ErrorBody e = error(deep, ForecastResource.ForecastRequest.class);
        assertEquals(413, e.status());
        assertTrue(e.error(), e.error().contains("deeper than 32 levels") && e.error().contains("json.max.depth"));
        ErrorBody s = error("{\"name\":\"" + "n".repeat(2 * 1024 * 1024 + 1) + "\"}", JoinRequest.class);
        assertEquals(413, s.status());
        assertEquals("name", s.field());
        assertTrue(s.error(), s.error().contains("longer than 2097152 characters") && s.error().contains("json.max.string.length"));
    }

    @Test
    public void base64OutputsAreBoundedByTheBodyCapNotTheStringLimit() throws IOException {
        byte[] outputs = new byte[3 * 1024 * 1024];
        outputs[7] = 42;
        String json = "{\"fencingToken\":1,\"type\":\"RESULT\",\"outputs\":\"" + Base64.getEncoder().encodeToString(outputs) + "\"}";
        AttemptEvent e = Json.MAPPER.readValue(json, AttemptEvent.class);
        assertEquals(outputs.length, e.outputs().length);
        assertEquals(42, e.outputs()[7]);
    }

    @Test
    public void theJoinTokenIsCheckedBeforeTheHostIsBound() throws Exception {
        List<String> calls = new ArrayList<>();
        MemberService members = (MemberService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MemberService.class},
                (proxy, m, args) -> {
                    calls.add(m.getName() + ":" + (args == null ? "" : args[0]));
                    if (m.getName().equals("checkJoinToken")) {
                        throw new ApiException(401, "joinToken", "unknown join token; ask the coordinator's admin for a new one");
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Services services = new Services();
        Field f = Services.class.getDeclaredField("members");
        f.setAccessible(true);
        f.set(services, members);
        AgentJoinResource join = new AgentJoinResource(services);
        // labels of the wrong type (binding would be a 400 on host.labels) and an unknown field: the token decides first
        String body = "{\"host\":{\"labels\":[1,2,{\"a\":[]}]},\"bogus\":{\"x\":[[[]]]},\"joinToken\":\"stolen\",\"name\":\"n\"}";
        try {
            join.join(body.getBytes(StandardCharsets.UTF_8), null);
            fail("joined with a refused token");
        } catch (ApiException e) {
            assertEquals(401, e.status());
            assertEquals("joinToken", e.field());
        }
        assertEquals(List.of("checkJoinToken:stolen"), calls);
        assertNull(AgentJoinResource.joinToken("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        try {
            AgentJoinResource.joinToken("[1]".getBytes(StandardCharsets.UTF_8));
            fail("an array accepted");
        } catch (ApiException e) {
            assertEquals(400, e.status());
        }
        try {
            AgentJoinResource.joinToken("{\"joinToken\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8));
            fail("an object token accepted");
        } catch (ApiException e) {
            assertEquals("joinToken", e.field());
        }
    }
}
