package org.sharercloud.portal.internal.jetty;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerCollection;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Jetty 9.4 (the version Pax Web runs) given the hook as Pax Web gives it a Handler service (added to its handler
 * collection): a URI too long is a 414 and headers too large a 431, both in the API's JSON error shape naming the limit;
 * removing the hook brings Jetty's own HTML back; ordinary requests still reach the context.
 */
public class JsonBadMessagesTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Server server;
    private HandlerCollection handlers;
    private final ErrorHandlerHook hook = new ErrorHandlerHook();
    private String base;

    @Before
    public void start() throws Exception {
        server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(http);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        handlers = new HandlerCollection(true, context);
        server.setHandler(handlers);
        server.start();
        handlers.addHandler(hook);
        base = "http://127.0.0.1:" + http.getLocalPort();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path, String header) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (header != null) {
            b.header("X-Big", header);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void aUriTooLongAndHeadersTooLargeAreTheJsonErrorShape() throws Exception {
        HttpResponse<String> uri = get("/api/v1/health?x=" + "a".repeat(20_000), null);
        assertEquals(414, uri.statusCode());
        assertEquals("application/json", uri.headers().firstValue("Content-Type").orElse(""));
        JsonNode e = new ObjectMapper().readTree(uri.body());
        assertEquals(414, e.path("status").asInt());
        assertEquals("uri", e.path("field").asText());
        assertTrue(e.toString(), e.path("error").asText().contains("at most 8192 bytes"));

        HttpResponse<String> headers = get("/api/v1/health", "h".repeat(20_000));
        assertEquals(431, headers.statusCode());
        JsonNode h = new ObjectMapper().readTree(headers.body());
        assertEquals(431, h.path("status").asInt());
        assertEquals("headers", h.path("field").asText());

        assertEquals("ordinary requests still reach the context", 404, get("/nothing-here", null).statusCode());
    }

    @Test
    public void removingTheHookBringsJettysOwnHandlerBack() throws Exception {
        Handler[] without = {handlers.getHandlers()[0]};
        handlers.setHandlers(without);
        hook.setServer(null);
        HttpResponse<String> uri = get("/?x=" + "a".repeat(20_000), null);
        assertEquals(414, uri.statusCode());
        assertFalse(uri.body(), uri.body().startsWith("{"));
    }
}
