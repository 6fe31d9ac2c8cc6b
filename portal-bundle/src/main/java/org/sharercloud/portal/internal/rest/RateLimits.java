package org.sharercloud.portal.internal.rest;

import org.sharercloud.portal.internal.PortalConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sharercloud.api.ApiException;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Token buckets (bucket4j) that answer 429 with {@code Retry-After}: authentication failures per source address
 * (an address over its budget is refused before its token is even checked, so guessing stops), joins per source
 * address, and submits per principal. Keys are forgotten when the map grows past {@link #MAX_KEYS} (a full
 * bucket again: the limit is then looser, never stricter).
 */
public final class RateLimits {
    /** A refusal: 429 with the seconds to wait. */
    public static final class Limited extends ApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        Limited(String what, long retryAfterSeconds) {
            super(429, null, "too many " + what + "; retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A budget: {@code burst} at once, refilled at {@code perMinute}. */
    public record Budget(int burst, int perMinute) {
    }

    static final int MAX_KEYS = 10_000;
    /** The limits in force: {@link PortalConfig}'s defaults until {@link #configure} (generous for people and agents, tight for guessing). */
    private static volatile RateLimits current = new RateLimits(new Budget(30, 30), new Budget(30, 30), new Budget(1200, 1200),
            TimeMeter.SYSTEM_NANOTIME);

    /** The limits in force. */
    public static RateLimits get() {
        return current;
    }

    /** Applies a configuration (fresh buckets: what was counted before is forgotten). */
    static void configure(PortalConfig c) {
        current = new RateLimits(budget(c.auth_failures_burst(), c.auth_failures_per_minute()), budget(c.joins_burst(), c.joins_per_minute()),
                budget(c.submits_burst(), c.submits_per_minute()), TimeMeter.SYSTEM_NANOTIME);
    }

    private static Budget budget(int burst, int perMinute) {
        return new Budget(Math.max(1, burst), Math.max(1, perMinute));
    }

    private final Budget authFailures;
    private final Budget joins;
    private final Budget submits;
    private final TimeMeter time;
    private final Map<String, Bucket> failures = new ConcurrentHashMap<>();
    private final Map<String, Bucket> joinBuckets = new ConcurrentHashMap<>();
    private final Map<String, Bucket> submitBuckets = new ConcurrentHashMap<>();

    RateLimits(Budget authFailures, Budget joins, Budget submits, TimeMeter time) {
        this.authFailures = authFailures;
        this.joins = joins;
        this.submits = submits;
        this.time = time;
    }

    /** 429 when this address has used up its authentication failures; checked before the token. */
    public void checkNotBlocked(String address) {
        Bucket b = failures.get(key(address));
        if (b != null) {
            EstimationProbe p = b.estimateAbilityToConsume(1);
            if (!p.canBeConsumed()) {
                throw new Limited("failed authentications from " + key(address), seconds(p.getNanosToWaitForRefill()));
            }
        }
    }

    /** Counts an authentication failure of this address (a bad token, credential or join token). */
    public void failed(String address) {
        bucket(failures, key(address), authFailures).tryConsume(1);
    }

    /** A join from this address, or 429. */
    public void join(String address) {
        take(joinBuckets, key(address), joins, "joins from " + key(address));
    }

    /** A submit by this principal, or 429. */
    public void submit(String subject) {
        take(submitBuckets, subject, submits, "submits by " + subject);
    }

    private void take(Map<String, Bucket> buckets, String key, Budget budget, String what) {
        ConsumptionProbe p = bucket(buckets, key, budget).tryConsumeAndReturnRemaining(1);
        if (!p.isConsumed()) {
            throw new Limited(what, seconds(p.getNanosToWaitForRefill()));
        }
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, Budget budget) {
        if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(budget.burst()).refillGreedy(budget.perMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build());
    }

    private static String key(String address) {
        return address == null || address.isBlank() ? "unknown" : address;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
