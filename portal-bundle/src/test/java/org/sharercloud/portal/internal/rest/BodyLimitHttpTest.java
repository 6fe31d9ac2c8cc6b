package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.ServletConfig;

import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.portal.internal.Services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * The body caps and JSON limits through real CXF and Jackson over real HTTP (CXF's servlet transport on an embedded
 * Jetty 9.4, the line Pax Web runs, on an ephemeral port): a body above its cap, declared or chunked, is a 413 in the
 * JSON error shape naming the limit, however CXF wraps the failed read; a join's token is checked before its host.
 * The members module is a fake; {@code BadInputIT} does the same against the real coordinator.
 */
public class BodyLimitHttpTest {
    private static Server jetty;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeClass
    public static void start() throws Exception {
        JsonLimits.apply(BodyLimits.DEFAULTS);
        Services services = new Services();
        MemberService members = (MemberService) Proxy.newProxyInstance(BodyLimitHttpTest.class.getClassLoader(), new Class<?>[] {MemberService.class},
                (p, m, a) -> switch (m.getName()) {
                    case "checkJoinToken" -> {
                        if (!"good".equals(a[0])) {
                            throw new ApiException(401, "joinToken", "unknown join token; ask the coordinator's admin for a new one");
                        }
                        yield null;
                    }
                    case "join" -> new JoinResult("m1", "m.m1.secret", 5);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Field f = Services.class.getDeclaredField("members");
        f.setAccessible(true);
        f.set(services, members);
        CXFNonSpringServlet servlet = new CXFNonSpringServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void loadBus(ServletConfig config) {
                super.loadBus(config);
                JAXRSServerFactoryBean bean = new JAXRSServerFactoryBean();
                bean.setBus(getBus());
                bean.setAddress("/");
                bean.setServiceBeans(List.of(new AgentJoinResource(services), new ForecastResource(services)));
                bean.setProviders(List.of(new BodyLimitFilter(BodyLimits.DEFAULTS), new JacksonJsonProvider(Json.MAPPER), new ErrorMapper()));
                bean.create();
            }
        };
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/api/v1/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/api/v1";
    }

    @AfterClass
    public static void stop() throws Exception {
        jetty.stop();
        JsonLimits.apply(new BodyLimits(1, 1, 1, 1, 1000, 20_000_000));
    }

    private static HttpResponse<String> post(String path, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher p = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").POST(p).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String field, String part) throws Exception {
        assertEquals(r.body(), status, r.statusCode());
        JsonNode e = Json.MAPPER.readTree(r.body());
        assertEquals(r.body(), status, e.path("status").asInt());
        if (field != null) {
            assertEquals(r.body(), field, e.path("field").asText());
        }
        assertTrue(r.body(), e.path("error").asText().contains(part));
    }

    private static String join(String token, String pad) {
        return "{\"joinToken\":\"" + token + "\",\"name\":\"n\",\"host\":{\"machineId\":\"m\",\"hostname\":\"h\",\"os\":\"Linux\","
                + "\"arch\":\"amd64\",\"cores\":4,\"memoryMb\":8192,\"diskMb\":1,\"dockerAvailable\":true,\"labels\":{\"pad\":\"" + pad + "\"}}}";
    }

    @Test
    public void aJoinAboveItsCapIs413DeclaredOrChunked() throws Exception {
        String big = join("good", "x".repeat(70 * 1024));
        assertError(post("/agent/join", big, false), 413, "body", "body.join.max.bytes");
        assertError(post("/agent/join", big, true), 413, "body", "body.join.max.bytes");
        assertEquals(201, post("/agent/join", join("good", "x".repeat(60 * 1024)), true).statusCode());
    }

    @Test
    public void theJoinTokenIsCheckedBeforeTheHost() throws Exception {
        String badHost = "{\"host\":{\"labels\":[[1]],\"cores\":\"many\"},\"joinToken\":\"stolen\"}";
        assertError(post("/agent/join", badHost, false), 401, "joinToken", "unknown join token");
        HttpResponse<String> r = post("/agent/join", badHost.replace("stolen", "good"), false);
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), Json.MAPPER.readTree(r.body()).path("field").asText().startsWith("host."));
    }

    @Test
    public void otherPathsHaveTheGeneralCapAndTheJsonLimits() throws Exception {
        String big = "{\"values\":[" + "1,".repeat(2_200_000) + "1]}"; // 4.4 MB of small tokens: the body cap is met first
        assertError(post("/forecasts", big, false), 413, "body", "body.max.bytes");
        assertError(post("/forecasts", big, true), 413, "body", "body.max.bytes");
        String deep = "{\"values\":[1,2,3],\"model\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertError(post("/forecasts", deep, true), 413, null, "json.max.depth");
        String longString = "{\"values\":[1,2,3],\"forecaster\":\"" + "x".repeat(2 * 1024 * 1024 + 1) + "\"}";
        assertError(post("/forecasts", longString, false), 413, "forecaster", "json.max.string.length");
    }

    @Test
    public void aBodyRefusedBeforeItIsReadIsStillAnsweredNotCutOff() throws Exception {
        // Refused for its media type before anything reads it, five times on one client's connections: the client, still
        // sending, gets its 415 each time, not a reset connection (Jetty consumes the unread body after the answer).
        byte[] body = ("{\"values\":[" + "1,".repeat(1_500_000) + "1]}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/forecasts")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(r.body(), 415, r.statusCode());
        }
    }
}
