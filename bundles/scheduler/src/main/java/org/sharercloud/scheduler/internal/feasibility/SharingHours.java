package org.sharercloud.scheduler.internal.feasibility;

/**
 * Reads a sharing-hours policy such as {@code "0-24"}, {@code "22-7"} (wraps midnight) or
 * {@code "9-12,14-18"}; {@code a-b} allows hours h with a &lt;= h &lt; b, and {@code a-a} the whole day.
 */
public final class SharingHours {
    private SharingHours() {
    }

    /**
     * Whether sharing is allowed at local hour {@code hour} (0..23). A null or blank spec allows
     * every hour; a malformed one allows none (we never place against an owner's unclear wish).
     */
    public static boolean allows(String spec, int hour) {
        if (spec == null || spec.isBlank()) {
            return true;
        }
        for (String range : spec.split(",")) {
            int dash = range.indexOf('-');
            if (dash < 0) {
                return false;
            }
            int from;
            int to;
            try {
                from = Integer.parseInt(range.substring(0, dash).trim());
                to = Integer.parseInt(range.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                return false;
            }
            if (from < 0 || from > 24 || to < 0 || to > 24) {
                return false;
            }
            if (inRange(from % 24, to, hour)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(int from, int to, int hour) {
        if (from == to % 24) {
            return true;
        }
        return from < to ? hour >= from && hour < to : hour >= from || hour < to;
    }
}
