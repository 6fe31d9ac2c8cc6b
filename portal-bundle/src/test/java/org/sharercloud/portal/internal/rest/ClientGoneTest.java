package org.sharercloud.portal.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.channels.ClosedChannelException;

import javax.ws.rs.ext.WriterInterceptorContext;

import org.junit.Test;

/** Writes that fail because the client left end quietly; other write failures still fail. */
public class ClientGoneTest {
    private static WriterInterceptorContext failingWith(IOException e) {
        return (WriterInterceptorContext) Proxy.newProxyInstance(ClientGoneTest.class.getClassLoader(),
                new Class<?>[] {WriterInterceptorContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("proceed")) {
                        throw e;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void aClosedConnectionEndsTheAnswerQuietly() throws Exception {
        new ClientGone().aroundWriteTo(failingWith(new IOException("java.io.IOException: Broken pipe")));
        new ClientGone().aroundWriteTo(failingWith(new IOException("wrapped", new IOException("Connection reset by peer"))));
        new ClientGone().aroundWriteTo(failingWith(new ClosedChannelException()));
        assertTrue(ClientGone.is(new RuntimeException(new IOException("Broken pipe"))));
    }

    @Test
    public void otherWriteFailuresAreNotHidden() {
        IOException disk = new IOException("No space left on device");
        try {
            new ClientGone().aroundWriteTo(failingWith(disk));
            fail("swallowed");
        } catch (IOException e) {
            assertEquals(disk, e);
        }
        assertFalse(ClientGone.is(new IllegalStateException("broken pipe of another kind")));
        assertEquals(500, ErrorMapper.body(new IllegalStateException("boom")).status());
        assertEquals("no stack trace, no 500", 499, ErrorMapper.body(new RuntimeException(new IOException("Broken pipe"))).status());
    }

    /** A closed event stream: no error body to write (its media type is text/event-stream by then). */
    @Test
    public void aGoneClientGetsNoBodyToWrite() {
        javax.ws.rs.core.Response r = new ErrorMapper().toResponse(new RuntimeException("Could not send Message.",
                new IOException("wrapped", new java.nio.channels.ClosedChannelException())));
        assertEquals(499, r.getStatus());
        assertFalse("no entity", r.hasEntity());
        assertEquals(400, new ErrorMapper().toResponse(org.sharercloud.api.ApiException.badRequest("f", "bad")).getStatus());
    }
}
