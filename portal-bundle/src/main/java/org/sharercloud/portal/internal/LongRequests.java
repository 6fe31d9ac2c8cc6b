package org.sharercloud.portal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharercloud.api.ApiException;

/**
 * Caps on the requests that stay open for long ({@code logs?follow=true}, {@code exec}): at most {@code total} at
 * once, and at most {@code perPrincipal} per caller. Both are asynchronous (they hold no server thread while they
 * wait), so the caps are about fairness and memory: one caller cannot take every slot. Over a cap: 429 (with
 * {@code Retry-After}, as every 429), nothing held.
 */
public final class LongRequests {
    /** Defaults ({@code long.requests.max}, {@code long.requests.per.caller} in {@code etc/org.sharercloud.portal.cfg}). */
    public static final int TOTAL = 4096;
    public static final int PER_PRINCIPAL = 8;

    private volatile int total;
    private volatile int perPrincipal;
    private final AtomicInteger all = new AtomicInteger();
    private final Map<String, AtomicInteger> byPrincipal = new ConcurrentHashMap<>();

    public LongRequests(int total, int perPrincipal) {
        configure(total, perPrincipal);
    }

    /** New caps; requests already open keep their permits. */
    public void configure(int total, int perPrincipal) {
        this.total = Math.max(1, total);
        this.perPrincipal = Math.max(1, perPrincipal);
    }

    /** A held permit; {@link #close} gives it back (once). */
    public final class Permit implements AutoCloseable {
        private final String principal;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit(String principal) {
            this.principal = principal;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(principal);
                all.decrementAndGet();
            }
        }
    }

    private void release(String principal) {
        byPrincipal.computeIfPresent(principal, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Takes a permit for {@code principal}, or throws 429 naming {@code field} when a cap is reached. */
    public Permit acquire(String principal, String field) {
        int mine = perPrincipal;
        AtomicInteger held = byPrincipal.compute(principal, (k, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            c.incrementAndGet();
            return c;
        });
        if (held.get() > mine) {
            release(principal);
            throw new ApiException(429, field, "at most " + mine + " long requests (logs?follow, exec) at once per caller; "
                    + "close one and retry");
        }
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            release(principal);
            throw new ApiException(429, field, "the coordinator serves as many long requests (logs?follow, exec) as it allows; retry shortly");
        }
        return new Permit(principal);
    }

    /** Long requests held now. */
    public int held() {
        return all.get();
    }
}
