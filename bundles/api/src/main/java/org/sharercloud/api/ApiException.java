package org.sharercloud.api;

/**
 * A problem caused by what a client sent or asked for. Services throw it; the portal turns it into
 * the JSON error shape {@code {"status":400,"error":"...","field":"..."}} and shell commands into one
 * {@code Error:} line. Anything else that escapes a service is a server fault.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String field;
    private final java.util.List<FieldError> errors;

    public ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.errors = java.util.List.of();
    }

    private ApiException(int status, java.util.List<FieldError> errors) {
        super(errors.get(0).error());
        this.status = status;
        this.field = errors.get(0).field();
        this.errors = java.util.List.copyOf(errors);
    }

    /**
     * 400 for several bad fields at once: {@link #getMessage()} and {@link #field()} are the first one's,
     * {@link #errors()} lists them all (in the order they were found).
     *
     * @param errors at least one
     */
    public static ApiException invalid(java.util.List<FieldError> errors) {
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("at least one error");
        }
        return new ApiException(400, errors);
    }

    /** 400: a field of the request is invalid. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    /** 404: the named thing does not exist (or is not visible to the caller). */
    public static ApiException notFound(String what) {
        return new ApiException(404, null, what + " not found");
    }

    /** 409: the thing exists but is in the wrong state for the request. */
    public static ApiException conflict(String message) {
        return new ApiException(409, null, message);
    }

    /** 403: authenticated, but not allowed to touch this. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, null, message);
    }

    /** 401: missing, unknown or expired credential. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, null, message);
    }

    /** 503: a module needed for this request is not running. */
    public static ApiException unavailable(String module) {
        return new ApiException(503, null, "the " + module + " module is not running; start its bundle (bundle:start org.sharercloud." + module + ")");
    }

    public int status() {
        return status;
    }

    /** The offending field, or {@code null} when the problem is not about one field. */
    public String field() {
        return field;
    }

    /**
     * Every problem found, when the service checked a whole request ({@link #invalid}); empty for an
     * exception about one thing only.
     */
    public java.util.List<FieldError> errors() {
        return errors;
    }
}
