package org.sharercloud.portal.internal.jetty;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.sharercloud.portal.internal.rest.ErrorBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Jetty's answer to a request it refuses before any servlet sees it (a request line longer than its buffer: 414, headers
 * too large: 431, a malformed request: 400), in the API's one error shape instead of Jetty's HTML. Jetty asks the
 * server's {@link ErrorHandler} bean for that body ({@code HttpChannel.onBadMessage}); everything else is left to the
 * default handler this one extends.
 */
final class JsonBadMessages extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason, headerLimit(getServer())));
    }

    static byte[] body(int status, String reason, int limit) {
        String within = limit > 0 ? "; the request line and headers together may have at most " + limit + " bytes" : "";
        ErrorBody body = switch (status) {
            case 414 -> new ErrorBody(414, "the request's URI is too long" + within, "uri");
            case 431 -> new ErrorBody(431, "the request's headers are too large" + within, "headers");
            default -> new ErrorBody(status, "the request was refused before it was read: "
                    + (reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason), null);
        };
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request header buffer of the server's first HTTP connector (Jetty's default is 8192), or 0 when unknown. */
    private static int headerLimit(Server server) {
        if (server == null) {
            return 0;
        }
        for (Connector c : server.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                return http.getHttpConfiguration().getRequestHeaderSize();
            }
        }
        return 0;
    }
}
