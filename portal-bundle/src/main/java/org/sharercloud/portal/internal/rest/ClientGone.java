package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import javax.ws.rs.ext.Provider;
import javax.ws.rs.ext.WriterInterceptor;
import javax.ws.rs.ext.WriterInterceptorContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that closes its connection while we write the answer (a {@code curl} killed during
 * {@code logs?follow=true}, a browser leaving a page mid-download) is not a fault of ours: the write's
 * {@code IOException} (Jetty's {@code EofException}, "Broken pipe", "Connection reset") ends that answer with
 * one DEBUG line instead of reaching CXF, which would log it as an ERROR with a stack trace and then fail
 * again writing an error body to the same closed connection. Wraps every message body writer of the API
 * and of the page; any other write failure is passed on unchanged.
 */
@Provider
public final class ClientGone implements WriterInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(ClientGone.class);

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        try {
            context.proceed();
        } catch (IOException e) {
            if (!is(e)) {
                throw e;
            }
            LOG.debug("The client closed the connection before the answer was written ({}): answer dropped", e.toString());
        }
    }

    /** Whether a failure (or one of its causes) says the peer went away. */
    public static boolean is(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof ClosedChannelException || "org.eclipse.jetty.io.EofException".equals(e.getClass().getName())) {
                return true;
            }
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (e instanceof IOException && (m.contains("broken pipe") || m.contains("connection reset")
                    || m.contains("connection was aborted") || m.contains("stream is closed") && m.contains("client"))) {
                return true;
            }
        }
        return false;
    }
}
