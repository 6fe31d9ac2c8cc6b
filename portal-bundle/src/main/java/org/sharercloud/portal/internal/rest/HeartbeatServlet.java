package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.portal.internal.Services;

/**
 * {@code POST /api/v1/agent/heartbeat} outside the generic CXF JAX-RS chain: the API's hottest path
 * (every member every few seconds). It answers exactly as {@link AgentHeartbeatResource} behind
 * {@link AuthFilter} and {@link RequestMetrics} does, using the same code for each step:
 * <ol>
 * <li>{@link BearerAuth}: 401 (or 503) in the JSON error shape, not counted in the request metrics
 * (the JAX-RS auth filter refuses before the metrics filter runs);</li>
 * <li>as CXF's resource matching: OPTIONS is a 200 with CXF's {@code Allow} list, another method a 405,
 * a non-JSON {@code Content-Type} a 415, an {@code Accept} without JSON a 406, all counted as
 * {@code unmatched}; a missing {@code Content-Type} is a 415 counted under the handler, as in CXF;</li>
 * <li>the body is read up to {@code body.heartbeat.max.bytes} ({@link BodyLimits}): above it, a 413 naming the limit;</li>
 * <li>{@link AgentHeartbeatResource#ack}: 403 for a non-member, 400 naming the field, the members
 * module's own errors, or the ack; counted under {@code AgentHeartbeatResource.beat}.</li>
 * </ol>
 * Errors go through {@link ErrorMapper#body}. Registered by {@link HeartbeatServletRegistration}.
 */
public final class HeartbeatServlet extends HttpServlet {
    /** The exact path this servlet takes from CXF. */
    public static final String PATH = "/api/v1/agent/heartbeat";
    /** What CXF answers to OPTIONS on a JAX-RS path that declares no OPTIONS method. */
    static final String CXF_ALLOW = "DELETE,POST,GET,PUT,OPTIONS,HEAD";
    static final String HANDLER = "AgentHeartbeatResource.beat";
    static final String UNMATCHED = "unmatched";
    private static final long serialVersionUID = 1L;

    private final transient Services services;
    private final transient RequestMetrics metrics;

    private final transient BodyLimits.Cap cap;

    public HeartbeatServlet(Services services, RequestMetrics metrics) {
        this(services, metrics, BodyLimits.DEFAULTS.capFor("agent/heartbeat"));
    }

    public HeartbeatServlet(Services services, RequestMetrics metrics, BodyLimits.Cap cap) {
        this.services = services;
        this.metrics = metrics;
        this.cap = cap;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String method = req.getMethod();
        boolean head = "HEAD".equals(method);
        Principal caller;
        try {
            caller = BearerAuth.authenticate(services, req.getHeader("Authorization"), AuthFilter.address(req));
        } catch (ApiException e) {
            if (e instanceof RateLimits.Limited l) {
                res.setHeader("Retry-After", Long.toString(l.retryAfterSeconds()));
            }
            send(res, e.status(), json(ErrorMapper.body(e)), head);
            return;
        }
        long start = System.nanoTime();
        if ("OPTIONS".equals(method)) {
            metrics.observe(UNMATCHED, 200, System.nanoTime() - start);
            res.setStatus(200);
            res.setHeader("Allow", CXF_ALLOW);
            res.setContentLength(0);
            return;
        }
        String handler = UNMATCHED;
        int status;
        byte[] body;
        try {
            String contentType = req.getContentType();
            ErrorBody refused = !"POST".equals(method) ? ErrorMapper.forStatus(405, null)
                    : contentType != null && !json(contentType) ? ErrorMapper.forStatus(415, null)
                    : !acceptable(req.getHeaders("Accept")) ? ErrorMapper.forStatus(406, null) : null;
            if (refused == null) {
                handler = HANDLER;
                if (contentType == null) {
                    // CXF matches the method, then finds no reader for a body without a type
                    throw new ApiException(415, null, ErrorMapper.forStatus(415, null).error());
                }
                body = AgentHeartbeatResource.ack(services, caller, BodyLimits.read(req.getInputStream(), req.getContentLengthLong(), cap));
                status = 200;
            } else {
                body = json(refused);
                status = refused.status();
            }
        } catch (Exception e) {
            ErrorBody error = ErrorMapper.body(e);
            body = json(error);
            status = error.status();
        }
        metrics.observe(handler, status, System.nanoTime() - start);
        send(res, status, body, head);
    }

    private static byte[] json(ErrorBody error) throws IOException {
        return Json.MAPPER.writeValueAsBytes(error);
    }

    private static void send(HttpServletResponse res, int status, byte[] body, boolean head) throws IOException {
        res.setStatus(status);
        res.setContentType("application/json");
        res.setHeader("Date", AgentHeartbeatResource.httpDate());
        res.setContentLength(body.length);
        if (!head) {
            res.getOutputStream().write(body);
        }
    }

    /** An {@code Accept} CXF would serve from a {@code @Produces(application/json)} method (it ignores q values). */
    static boolean acceptable(Enumeration<String> accept) {
        if (accept == null || !accept.hasMoreElements()) {
            return true;
        }
        boolean any = false;
        while (accept.hasMoreElements()) {
            for (String range : accept.nextElement().split(",")) {
                if (range.isBlank() || json(range)) {
                    return true;
                }
                any = true;
            }
        }
        return !any;
    }

    /** Whether a media type (or range) is compatible with application/json; CXF reads one without a '/' as a wildcard. */
    static boolean json(String mediaType) {
        int semi = mediaType.indexOf(';');
        String t = (semi < 0 ? mediaType : mediaType.substring(0, semi)).strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String type = t.substring(0, slash).strip();
        String sub = t.substring(slash + 1).strip();
        return ("*".equals(type) || "application".equalsIgnoreCase(type)) && ("*".equals(sub) || "json".equalsIgnoreCase(sub));
    }
}
