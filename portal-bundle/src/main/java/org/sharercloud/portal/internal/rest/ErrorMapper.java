package org.sharercloud.portal.internal.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.QuotaExceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into the JSON error shape. What a client caused is a 4xx naming the field;
 * anything else is a 500 that says where to look, and the stack trace goes to the log only.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable t) {
        ErrorBody body = body(t);
        if (body.status() == 499) {
            // nobody is left to read an error body, and the answer's media type may already be fixed (a closed
            // text/event-stream): writing one would fail again and be logged as an unexpected error
            return Response.status(499).build();
        }
        return withRetryAfter(ErrorBody.response(body), unwrap(t));
    }

    /** Seconds to wait after a 429 that is not a rate limit (a quota: it frees when work finishes). */
    static final long QUOTA_RETRY_SECONDS = 30;

    /** That response with {@code Retry-After} when it is a 429: a rate limit's or a quota's own wait, or {@link #QUOTA_RETRY_SECONDS}. */
    public static Response withRetryAfter(Response r, Throwable t) {
        if (t instanceof RateLimits.Limited l) {
            return Response.fromResponse(r).header("Retry-After", Long.toString(l.retryAfterSeconds())).build();
        }
        if (t instanceof QuotaExceeded q) {
            return Response.fromResponse(r).header("Retry-After", Long.toString(q.retryAfterSeconds())).build();
        }
        if (t instanceof ApiException a && a.status() == 429) {
            return Response.fromResponse(r).header("Retry-After", Long.toString(QUOTA_RETRY_SECONDS)).build();
        }
        return r;
    }

    /** The error body (and status) for any failure; unexpected ones are logged with their stack trace. */
    public static ErrorBody body(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ApiException a) {
            return new ErrorBody(a.status(), a.getMessage(), a.field(), a.errors().isEmpty() ? null : a.errors());
        }
        BodyLimitFilter.TooLarge tooLarge = cause(t, BodyLimitFilter.TooLarge.class);
        if (tooLarge != null) {
            return body(BodyLimits.tooLarge(tooLarge.cap()));
        }
        StreamConstraintsException limit = cause(t, StreamConstraintsException.class);
        if (limit != null) {
            return new ErrorBody(413, JsonLimits.describe(limit), e instanceof JsonMappingException m ? path(m) : null);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new ErrorBody(400, "unknown field '" + u.getPropertyName() + "'", path(u));
        }
        if (e instanceof JsonMappingException m) {
            String field = path(m);
            return new ErrorBody(400, field == null ? "malformed JSON: " + m.getOriginalMessage()
                    : "field '" + field + "' has the wrong type or format", field);
        }
        if (e instanceof JsonProcessingException j) {
            return new ErrorBody(400, "malformed JSON: " + j.getOriginalMessage(), null);
        }
        if (e instanceof WebApplicationException w) {
            return forStatus(w.getResponse().getStatus(), w.getMessage());
        }
        if (ClientGone.is(e)) { // nobody is left to read the answer: not a server fault worth a stack trace
            LOG.debug("The client closed the connection: {}", e.toString());
            return new ErrorBody(499, "the client closed the connection", null);
        }
        LOG.error("Unexpected error serving a request", e);
        return new ErrorBody(500, "internal error (" + e.getClass().getSimpleName() + "); the coordinator log has the details", null);
    }

    /** The error body of an HTTP-level refusal (no such path, wrong method or media type). */
    public static ErrorBody forStatus(int status, String otherwise) {
        String msg = switch (status) {
            case 404 -> "no such resource; see API.md for the paths under /api/v1";
            case 405 -> "method not allowed on this path";
            case 406 -> "only application/json is produced here";
            case 415 -> "send Content-Type: application/json";
            default -> otherwise;
        };
        return new ErrorBody(status, msg, null);
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof RuntimeException && !(e instanceof ApiException) && !(e instanceof WebApplicationException))
                && e.getCause() != null && e.getClass() == RuntimeException.class) {
            e = e.getCause();
        }
        return e;
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
