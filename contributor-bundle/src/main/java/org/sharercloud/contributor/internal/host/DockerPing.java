package org.sharercloud.contributor.internal.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a Docker engine answers {@code GET /_ping} on its unix socket (or plain TCP port), within a time
 * limit. Addresses are written as Docker writes them: {@code unix:///var/run/docker.sock}, {@code tcp://127.0.0.1:2375}.
 */
public final class DockerPing {
    private static final byte[] REQUEST = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private DockerPing() {
    }

    /** True when the address is a unix socket or TCP port where an engine answers 200 OK within the timeout. */
    public static boolean ping(String dockerHost, Duration timeout) {
        try {
            URI uri = URI.create(dockerHost);
            if ("unix".equals(uri.getScheme()) && uri.getPath() != null) {
                return ping(Path.of(uri.getPath()), timeout);
            }
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
                return ping(new InetSocketAddress(uri.getHost(), uri.getPort()), StandardProtocolFamily.INET, timeout);
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    /** True when the socket exists and the engine answers 200 OK within the timeout. */
    public static boolean ping(Path socket, Duration timeout) {
        if (!Files.exists(socket)) {
            return false;
        }
        return ping(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX, timeout);
    }

    private static boolean ping(SocketAddress address, StandardProtocolFamily family, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(family);
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(address)) {
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0 || !channel.finishConnect()) {
                    return false;
                }
                selector.selectedKeys().clear();
                key.interestOps(0);
            }
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
