package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether a Docker engine answers {@code GET /_ping} on its unix socket, within a time limit. */
public final class DockerPing {
    private static final byte[] REQUEST = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private DockerPing() {
    }

    /** True when the socket exists and the engine answers 200 OK within the timeout. */
    public static boolean ping(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.wrap(REQUEST);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0 && !await(channel, selector, SelectionKey.OP_WRITE, deadline)) {
                    return false;
                }
            }
            ByteBuffer in = ByteBuffer.allocate(512);
            while (in.hasRemaining()) {
                int n = channel.read(in);
                if (n < 0) {
                    break;
                }
                if (n == 0 && !await(channel, selector, SelectionKey.OP_READ, deadline)) {
                    return false;
                }
                if (isOk(in)) {
                    return true;
                }
            }
            return isOk(in);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean await(SocketChannel channel, Selector selector, int op, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        SelectionKey key = channel.register(selector, op);
        int ready = selector.select(left);
        selector.selectedKeys().clear();
        key.interestOps(0);
        return ready > 0;
    }

    private static boolean isOk(ByteBuffer in) {
        String head = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        int lineEnd = head.indexOf("\r\n");
        if (lineEnd < 0) {
            return false;
        }
        String status = head.substring(0, lineEnd);
        return status.startsWith("HTTP/1.") && status.contains(" 200") && head.endsWith("OK");
    }
}
