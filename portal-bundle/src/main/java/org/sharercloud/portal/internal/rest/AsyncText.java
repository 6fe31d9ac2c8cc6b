package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed answer written without holding a server thread: over the {@link AsyncContext} CXF started for a
 * suspended request (as CXF's own server-sent events do), with Servlet 3.1 non-blocking writes. {@link #write}
 * queues bytes and completes once Jetty has taken them, so a producer that waits for that never queues more than
 * one piece for a slow reader; a reader that went away fails the stream ({@link #closed()} completes), and the
 * producer stops. No thread waits on a slow or silent client: Jetty calls back when the socket can take more.
 * Status and headers are set here, not by CXF's response filters (which do not run for such a stream).
 */
final class AsyncText implements WriteListener, AsyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncText.class);
    private final AsyncContext ctx;
    private final ServletOutputStream out;
    private final Deque<Piece> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Queue<Runnable> settled = new ConcurrentLinkedQueue<>();
    private boolean flushPending;
    private boolean ending;
    private boolean done;

    private record Piece(byte[] bytes, CompletableFuture<Void> taken) {
    }

    /** Starts the answer: 200 with {@code contentType}, sent at once (a reader knows it is attached before any line). */
    AsyncText(AsyncContext ctx, String contentType) throws IOException {
        this.ctx = ctx;
        ctx.setTimeout(0);
        HttpServletResponse res = (HttpServletResponse) ctx.getResponse();
        res.setStatus(200);
        res.setContentType(contentType);
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Content-Type-Options", "nosniff");
        ctx.addListener(this);
        this.out = res.getOutputStream();
        out.setWriteListener(this);
        synchronized (this) {
            flushPending = true; // the status and headers go out at once, as a blocking stream's first flush sent them
            pump();
        }
        settle();
    }

    /** Queues bytes; the stage completes when Jetty took them (or fails when the reader is gone). */
    CompletableFuture<Void> write(byte[] bytes) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        synchronized (this) {
            if (done || ending) {
                taken.completeExceptionally(new IOException("the stream is closed"));
                return taken;
            }
            queue.add(new Piece(bytes, taken));
            pump();
        }
        settle();
        return taken;
    }

    /** Ends the answer once everything queued is written. */
    void end() {
        synchronized (this) {
            if (!done) {
                ending = true;
                pump();
            }
        }
        settle();
    }

    /** Completes when the stream ended: written to the end, or the reader went away. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            pump();
        }
        settle();
    }

    /** Completes, outside the lock, what was taken or failed (a producer may write again from its callback). */
    private void settle() {
        Runnable r;
        while ((r = settled.poll()) != null) {
            r.run();
        }
    }

    private void pump() {
        try {
            while (!done && out.isReady()) {
                if (flushPending) {
                    flushPending = false;
                    out.flush();
                    continue;
                }
                Piece p = queue.poll();
                if (p == null) {
                    if (ending) {
                        finish(null);
                    }
                    return;
                }
                out.write(p.bytes());
                flushPending = true;
                settled.add(() -> p.taken().complete(null));
            }
        } catch (IOException | IllegalStateException e) {
            finish(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            finish(t);
        }
        settle();
    }

    private void finish(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        IOException gone = new IOException("the stream ended", failure);
        queue.forEach(p -> settled.add(() -> p.taken().completeExceptionally(gone)));
        queue.clear();
        if (failure != null) {
            LOG.debug("A streamed answer ended early: {}", failure.toString());
        }
        try {
            ctx.complete();
        } catch (IllegalStateException already) {
            // the container completed it (the connection is gone)
        }
        settled.add(() -> closed.complete(null));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        synchronized (this) {
            finish(null);
        }
        settle();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        synchronized (this) {
            finish(new IOException("timed out"));
        }
        settle();
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
