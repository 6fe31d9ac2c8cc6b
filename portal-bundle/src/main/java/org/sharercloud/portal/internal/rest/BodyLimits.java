package org.sharercloud.portal.internal.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import org.sharercloud.api.ApiException;
import org.sharercloud.portal.internal.PortalConfig;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The largest body each API path accepts ({@code etc/org.sharercloud.portal.cfg}) and the JSON limits, with the
 * one bounded read every body goes through: a declared {@code Content-Length} above the cap is refused before
 * anything is read, and a body without one is read only up to the cap.
 */
public record BodyLimits(int maxBytes, int joinMaxBytes, int heartbeatMaxBytes, int agentEventsMaxBytes, int jsonMaxDepth,
        int jsonMaxStringLength) {
    /** What the configuration's defaults give (the tests' and a missing file's limits). */
    public static final BodyLimits DEFAULTS = new BodyLimits(4 * 1024 * 1024, 64 * 1024, 256 * 1024, 32 * 1024 * 1024, 32, 2 * 1024 * 1024);
    private static final Pattern AGENT_EVENTS = Pattern.compile("/?agent/(attempts|reservations)/[^/]+/events/?");

    public static BodyLimits of(PortalConfig c) {
        return new BodyLimits(positive(c.body_max_bytes()), positive(c.body_join_max_bytes()), positive(c.body_heartbeat_max_bytes()),
                positive(c.body_agent_events_max_bytes()), positive(c.json_max_depth()), positive(c.json_max_string_length()));
    }

    private static int positive(int v) {
        return Math.max(1, v);
    }

    /** The stream limits for {@link Json#MAPPER}'s parsers. */
    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(jsonMaxDepth).maxStringLength(jsonMaxStringLength).build();
    }

    /** A path's cap (the path under {@code /api/v1}) and the configuration key that sets it. */
    public record Cap(int bytes, String key) {
    }

    public Cap capFor(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.equals("agent/join") || p.equals("agent/join/")) {
            return new Cap(joinMaxBytes, "body.join.max.bytes");
        }
        if (p.equals("agent/heartbeat") || p.equals("agent/heartbeat/")) {
            return new Cap(heartbeatMaxBytes, "body.heartbeat.max.bytes");
        }
        if (AGENT_EVENTS.matcher(p).matches()) {
            return new Cap(agentEventsMaxBytes, "body.agent.events.max.bytes");
        }
        return new Cap(maxBytes, "body.max.bytes");
    }

    /**
     * Reads a whole body of at most {@code cap.bytes()} bytes.
     *
     * @param declared the {@code Content-Length}, or -1 when not sent
     * @throws ApiException 413 naming the limit when the body is larger
     */
    public static byte[] read(InputStream in, long declared, Cap cap) throws IOException {
        if (declared > cap.bytes()) {
            throw tooLarge(cap);
        }
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 512);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > cap.bytes()) {
                throw tooLarge(cap);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    public static ApiException tooLarge(Cap cap) {
        return new ApiException(413, "body", "the request body is larger than " + cap.bytes() + " bytes, the limit here ("
                + cap.key() + " in etc/org.sharercloud.portal.cfg)");
    }
}
