package org.sharercloud.portal.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.sharercloud.api.ApiException;

/**
 * Caps on the requests that hold a server thread for long ({@code logs?follow=true}, {@code exec}): at most
 * {@code total} at once, and at most {@code perPrincipal} per caller, so followers can never take every thread the
 * agents' heartbeats and reports need. Over a cap: 429, nothing held.
 */
public final class LongRequests {
    /** Defaults: far below Jetty's pool (200 threads), so heartbeats and agents' reports always find a thread. */
    public static final int TOTAL = 64;
    public static final int PER_PRINCIPAL = 8;

    private final int perPrincipal;
    private final Semaphore all;
    private final Map<String, AtomicInteger> byPrincipal = new ConcurrentHashMap<>();

    public LongRequests(int total, int perPrincipal) {
        this.perPrincipal = perPrincipal;
        this.all = new Semaphore(total);
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
                byPrincipal.computeIfPresent(principal, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
                all.release();
            }
        }
    }

    /** Takes a permit for {@code principal}, or throws 429 naming {@code field} when a cap is reached. */
    public Permit acquire(String principal, String field) {
        AtomicInteger mine = byPrincipal.compute(principal, (k, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            c.incrementAndGet();
            return c;
        });
        if (mine.get() > perPrincipal) {
            byPrincipal.computeIfPresent(principal, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            throw new ApiException(429, field, "at most " + perPrincipal + " long requests (logs?follow, exec) at once per caller; "
                    + "close one and retry");
        }
        if (!all.tryAcquire()) {
            byPrincipal.computeIfPresent(principal, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            throw new ApiException(429, field, "the coordinator serves as many long requests (logs?follow, exec) as it allows; retry shortly");
        }
        return new Permit(principal);
    }

    /** Long requests held now. */
    public int held() {
        return byPrincipal.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
