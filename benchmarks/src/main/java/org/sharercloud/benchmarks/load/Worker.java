package org.sharercloud.benchmarks.load;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection's share of the open-loop schedule: heartbeat number {@code k} (member
 * {@code k mod N}) is due at {@code start + k * period}, and this worker sends every
 * {@code connections}-th of them. A worker that falls behind sends at once (no catching up by
 * skipping), so lateness shows up as {@link #lag} and as a lower achieved rate. Only heartbeats due in
 * the measured window are recorded.
 */
final class Worker {
    final Thread thread;
    /** Latency from sending the request to reading the whole response, in nanoseconds. */
    long[] latency = new long[1024];
    /** Time from when the heartbeat was due to when it completed (latency plus the generator's lateness). */
    long[] sinceDue = new long[1024];
    int ok;
    long errors;

    Worker(RawHttp http, String[] credentials, int index, int connections, long start, long period, long measureFrom, long end, AtomicLong lastDone) {
        thread = new Thread(() -> {
            try (http) {
                for (long k = index;; k += connections) {
                    long due = start + k * period;
                    if (due >= end) {
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String cred = credentials[(int) (k % credentials.length)];
                    long t0 = System.nanoTime();
                    int code;
                    try {
                        code = http.post("/api/v1/agent/heartbeat", "Bearer " + cred, HeartbeatLoad.heartbeatBody(k));
                    } catch (IOException e) {
                        code = -1;
                    }
                    long t1 = System.nanoTime();
                    if (due >= measureFrom) {
                        record(code, t1 - t0, t1 - due);
                        lastDone.accumulateAndGet(t1, Math::max);
                    }
                }
            }
        }, "load-" + index);
    }

    private void record(int code, long nanos, long fromDue) {
        if (code != 200) {
            errors++;
            return;
        }
        if (ok == latency.length) {
            latency = Arrays.copyOf(latency, ok * 2);
            sinceDue = Arrays.copyOf(sinceDue, ok * 2);
        }
        latency[ok] = nanos;
        sinceDue[ok] = fromDue;
        ok++;
    }
}
