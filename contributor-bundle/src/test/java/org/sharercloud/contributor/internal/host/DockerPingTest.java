package org.sharercloud.contributor.internal.host;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DockerPingTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void engineAnsweringOkIsAvailable() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        Path socket = serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK", request);
        assertTrue(DockerPing.ping(socket, Duration.ofSeconds(5)));
        assertTrue(request.get(), request.get().startsWith("GET /_ping HTTP/1.0\r\n"));
    }

    @Test
    public void engineAnsweringAnErrorIsNotAvailable() throws Exception {
        Path socket = serve("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\nfail", new AtomicReference<>());
        assertFalse(DockerPing.ping(socket, Duration.ofSeconds(5)));
    }

    @Test
    public void silentEngineTimesOut() throws Exception {
        Path socket = serve(null, new AtomicReference<>());
        assertFalse(DockerPing.ping(socket, Duration.ofMillis(300)));
    }

    @Test
    public void missingSocketIsNotAvailable() {
        assertFalse(DockerPing.ping(tmp.getRoot().toPath().resolve("docker.sock"), Duration.ofSeconds(1)));
        assertFalse("a plain file is not a socket", DockerPing.ping(tmp.getRoot().toPath(), Duration.ofSeconds(1)));
    }

    @Test
    public void addressesAsDockerWritesThem() throws Exception {
        Path socket = serve("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", new AtomicReference<>());
        assertTrue(DockerPing.ping("unix://" + socket, Duration.ofSeconds(5)));
        assertFalse(DockerPing.ping("unix://" + tmp.getRoot().toPath().resolve("gone.sock"), Duration.ofSeconds(1)));
        assertFalse("not an address", DockerPing.ping("/var/run/docker.sock", Duration.ofSeconds(1)));
        try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket c = tcp.accept()) {
                    byte[] buf = new byte[1024];
                    c.getInputStream().read(buf);
                    c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the assertion below fails
                }
            });
            t.setDaemon(true);
            t.start();
            assertTrue(DockerPing.ping("tcp://127.0.0.1:" + tcp.getLocalPort(), Duration.ofSeconds(5)));
        }
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        assertFalse("nothing listening", DockerPing.ping("tcp://127.0.0.1:" + closed, Duration.ofSeconds(1)));
    }

    /** A one-shot unix-socket server: reads the request, answers (or stays silent), closes. */
    private Path serve(String answer, AtomicReference<String> request) throws Exception {
        Path path = tmp.getRoot().toPath().resolve("d.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> {
            try (server; SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(1024);
                while (!new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                    if (c.read(in) < 0) {
                        break;
                    }
                }
                request.set(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                if (answer == null) {
                    Thread.sleep(2000);
                } else {
                    c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
                }
            } catch (Exception e) {
                request.compareAndSet(null, "server failed: " + e);
            }
        });
        t.setDaemon(true);
        t.start();
        return path;
    }
}
