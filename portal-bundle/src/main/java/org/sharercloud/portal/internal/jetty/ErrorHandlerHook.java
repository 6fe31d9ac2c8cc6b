package org.sharercloud.portal.internal.jetty;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.LoggerFactory;

/**
 * A Jetty handler that handles nothing: Pax Web adds every {@code Handler} service to its server, which hands it the
 * {@link Server}; that is the one clean way to reach the server's error handler, which it swaps for
 * {@link JsonBadMessages} (and back when removed). Pax Web passes the new server again when it recreates it.
 */
class ErrorHandlerHook extends AbstractHandler {
    private ErrorHandler previous;

    @Override
    public void setServer(Server server) {
        Server old = getServer();
        if (old != null && old != server && old.getErrorHandler() instanceof JsonBadMessages && previous != null) {
            old.setErrorHandler(previous);
        }
        super.setServer(server);
        if (server != null && !(server.getErrorHandler() instanceof JsonBadMessages)) {
            previous = server.getErrorHandler();
            JsonBadMessages json = new JsonBadMessages();
            json.setServer(server);
            server.setErrorHandler(json);
            LoggerFactory.getLogger(ErrorHandlerHook.class).info("Jetty's own error answers (414, 431, 400) use the API's JSON error shape");
        }
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) {
        // nothing: requests go on to the contexts
    }
}
