package org.sharercloud.itests;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits that fail with a message saying what was awaited and what was seen last. */
public final class Wait {
    private Wait() {
    }

    public static void until(long timeoutMillis, String what, BooleanSupplier condition) {
        until(timeoutMillis, what, condition, () -> "");
    }

    public static void until(long timeoutMillis, String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what + "; last seen: " + lastSeen.get());
    }
}
