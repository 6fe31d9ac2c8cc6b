package org.sharercloud.api;

/**
 * 429: a per-requestor quota is used up. Unlike a rate limit it frees only when something the requestor owns
 * ends or is deleted, so it says when to ask again: the portal sends {@link #retryAfterSeconds()} as
 * {@code Retry-After}.
 */
public class QuotaExceeded extends ApiException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    /**
     * @param field             the quota's name as the client sees it (e.g. {@code storage})
     * @param message           names the quota, what is used and the limit
     * @param retryAfterSeconds at least 1
     */
    public QuotaExceeded(String field, String message, long retryAfterSeconds) {
        super(429, field, message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
