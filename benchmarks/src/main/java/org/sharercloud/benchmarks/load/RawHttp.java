package org.sharercloud.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection doing one request/response at a time (no pipelining), with
 * blocking I/O and a reused buffer: a load generator this cheap leaves the shared cores to the
 * coordinator under test. Understands Content-Length and chunked responses; anything else closes
 * the connection, and the next request reconnects.
 */
final class RawHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private final byte[] buf = new byte[16 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int start;
    private int end;
    /** The body of the last response (valid until the next call). */
    private String lastBody = "";

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends a POST with a JSON body and returns the status code; the body is {@link #lastBody()}. */
    int post(String path, String authorization, byte[] json) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            start = end = 0;
        }
        StringBuilder h = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ").append(json.length).append("\r\n");
        if (authorization != null) {
            h.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] head = h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] req = new byte[head.length + json.length];
        System.arraycopy(head, 0, req, 0, head.length);
        System.arraycopy(json, 0, req, head.length, json.length);
        try {
            out.write(req);
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    String lastBody() {
        return lastBody;
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = colon < 0 ? l : l.substring(0, colon).trim();
            String value = colon < 0 ? "" : l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.append(bytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body.append(bytes((int) length));
        } else {
            close = true;
        }
        lastBody = body.toString();
        if (close) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (start == end) {
                fill();
            }
            byte b = buf[start++];
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) (b & 0xff));
        }
    }

    private String bytes(int n) throws IOException {
        StringBuilder sb = new StringBuilder(n);
        int left = n;
        while (left > 0) {
            if (start == end) {
                fill();
            }
            int k = Math.min(left, end - start);
            sb.append(new String(buf, start, k, StandardCharsets.UTF_8));
            start += k;
            left -= k;
        }
        return sb.toString();
    }

    private void fill() throws IOException {
        start = 0;
        end = in.read(buf);
        if (end <= 0) {
            end = 0;
            throw new IOException("connection closed by the server");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
