package org.sharercloud.forecast.internal.arima;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

import org.sharercloud.api.ApiException;

/**
 * What one fit may cost. Memory: the exact likelihood keeps r×r matrices (r = max(p + s·P, q + s·Q + 1)), one pair
 * per coefficient for its gradient, and the Kalman filter rd×rd ones (rd = r + d + s·D), so a small request such as
 * P = Q = 10 with a period of 1000 would ask for gigabytes: {@link #checkState} refuses a model above
 * {@link #MAX_STATE_CELLS} matrix cells before anything is allocated. Time: {@link #within} gives a fit a budget of
 * CPU time of its own thread, which the loops of the fit {@link #check} and stop with a 422 when it is spent.
 */
public final class FitBudget {
    /** Most matrix cells (doubles) a fit may hold: 8 M cells, 64 MB. */
    public static final long MAX_STATE_CELLS = 8_000_000L;
    /** CPU time one forecast request may use. */
    public static final long CPU_SECONDS = 20;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private FitBudget() {
    }

    /** Matrix cells an exact fit of {@code spec} holds at once. */
    public static long stateCells(ArimaSpec spec) {
        long r = Math.max(spec.fullP(), spec.fullQ() + 1);
        long rd = r + spec.diffLength();
        return (2L * spec.npar() + 2) * r * r + 3 * rd * rd;
    }

    /** @throws ApiException 400 on {@code model} when the model's state is above {@link #MAX_STATE_CELLS} */
    public static void checkState(ArimaSpec spec) {
        long cells = stateCells(spec);
        if (cells > MAX_STATE_CELLS) {
            long r = Math.max(spec.fullP(), spec.fullQ() + 1);
            throw ApiException.badRequest("model", spec + " needs a state of " + r + " (max(p + period·P, q + period·Q + 1)) and about "
                    + cells * 8 / (1024 * 1024) + " MB to fit; the limit is " + MAX_STATE_CELLS * 8 / (1024 * 1024)
                    + " MB: lower P, Q or the period");
        }
    }

    /** Runs {@code fit} with {@code cpuSeconds} of this thread's CPU time; a fit that runs over fails with a 422. */
    public static <T> T within(long cpuSeconds, Supplier<T> fit) {
        long[] previous = DEADLINE.get();
        DEADLINE.set(new long[] {cpuNanos() + cpuSeconds * 1_000_000_000L, cpuSeconds});
        try {
            return fit.get();
        } finally {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }

    /** Called from the fit's loops: throws once the budget set by {@link #within} is spent (never outside it). */
    public static void check() {
        long[] d = DEADLINE.get();
        if (d != null && cpuNanos() > d[0]) {
            throw new ApiException(422, "model", "the fit used more than " + d[1]
                    + " s of CPU and was stopped; use a smaller order, a shorter series or the naive forecaster");
        }
    }

    private static long cpuNanos() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }
}
