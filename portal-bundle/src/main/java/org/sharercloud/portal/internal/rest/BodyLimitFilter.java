package org.sharercloud.portal.internal.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.ext.Provider;

/**
 * Caps every request body under {@code /api/v1} ({@link BodyLimits}). A declared {@code Content-Length} above the
 * path's limit is a 413 naming the limit at once, before anything is read or authenticated; a body sent without
 * one is counted as the resource reads it, and the read that passes the limit fails with {@link TooLarge}, which
 * {@link ErrorMapper} answers with the same 413. Nothing is bound from an oversized body.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {
    private final BodyLimits limits;

    public BodyLimitFilter(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        BodyLimits.Cap cap = limits.capFor(req.getUriInfo().getPath());
        if (req.getLength() > cap.bytes()) {
            req.abortWith(ErrorBody.response(ErrorMapper.body(BodyLimits.tooLarge(cap))));
            return;
        }
        if (req.hasEntity()) {
            req.setEntityStream(new Capped(req.getEntityStream(), cap));
        }
    }

    /** The read that passed a body's cap. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient BodyLimits.Cap cap;

        TooLarge(BodyLimits.Cap cap) {
            super("request body above " + cap.bytes() + " bytes");
            this.cap = cap;
        }

        public BodyLimits.Cap cap() {
            return cap;
        }
    }

    /** An input stream that fails once more than the cap has been read. */
    static final class Capped extends FilterInputStream {
        private final BodyLimits.Cap cap;
        private long count;

        Capped(InputStream in, BodyLimits.Cap cap) {
            super(in);
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            counted(s);
            return s;
        }

        private void counted(long n) throws TooLarge {
            count += n;
            if (count > cap.bytes()) {
                throw new TooLarge(cap);
            }
        }
    }
}
