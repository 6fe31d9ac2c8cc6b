package org.sharercloud.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.sharercloud.api.runtime.RunSpec;

/**
 * Forwards stdout/stderr bytes as UTF-8 text until a byte cap is reached, then sends
 * {@link RunSpec#TRUNCATION_MARKER} once (on the stream that hit the cap) and drops the rest.
 * Multi-byte characters split across chunks are decoded correctly. Thread-safe.
 */
public final class CappedOutput {
    /** Where decoded text goes. */
    @FunctionalInterface
    public interface Sink {
        void text(boolean stderr, String text);
    }

    private final Sink sink;
    private final long cap;
    private final CharsetDecoder[] decoders = { decoder(), decoder() };
    private final ByteBuffer[] pending = { ByteBuffer.allocate(8), ByteBuffer.allocate(8) };
    private long used;
    private boolean truncated;

    public CappedOutput(long cap, Sink sink) {
        this.cap = cap > 0 ? cap : RunSpec.DEFAULT_MAX_OUTPUT_BYTES;
        this.sink = sink;
    }

    public synchronized void accept(boolean stderr, byte[] bytes, int offset, int length) {
        if (truncated || length <= 0) {
            return;
        }
        int n = (int) Math.min(length, cap - used);
        used += n;
        emit(stderr, bytes, offset, n);
        if (n < length) {
            truncated = true;
            flush(stderr);
            sink.text(stderr, RunSpec.TRUNCATION_MARKER);
        }
    }

    /** Sends any incomplete trailing character (as a replacement character). */
    public synchronized void flush() {
        flush(false);
        flush(true);
    }

    public synchronized boolean truncated() {
        return truncated;
    }

    public synchronized long bytes() {
        return used;
    }

    private void emit(boolean stderr, byte[] bytes, int offset, int length) {
        int i = stderr ? 1 : 0;
        ByteBuffer in = ByteBuffer.allocate(pending[i].position() + length);
        in.put(pending[i].flip()).put(bytes, offset, length).flip();
        pending[i].clear();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoders[i].decode(in, out, false);
        pending[i].put(in); // at most 3 bytes of an unfinished character remain
        if (out.position() > 0) {
            sink.text(stderr, out.flip().toString());
        }
    }

    private void flush(boolean stderr) {
        int i = stderr ? 1 : 0;
        if (pending[i].position() > 0) {
            CharBuffer out = CharBuffer.allocate(8);
            decoders[i].decode(pending[i].flip(), out, true);
            pending[i].clear();
            sink.text(stderr, out.flip().toString());
        }
        decoders[i].reset();
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
}
