package org.sharercloud.portal.internal.rest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sharercloud.api.ApiException;

/** Durations as people and scripts write them: {@code 3600} (seconds), {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d} or ISO-8601 {@code PT1H}. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    private Durations() {
    }

    /** @throws ApiException 400 naming {@code field} when {@code value} is not a duration */
    public static Duration parse(String field, Object value) {
        if (value instanceof Number n) {
            if (n.doubleValue() < 0 || n.doubleValue() > Integer.MAX_VALUE) {
                throw ApiException.badRequest(field, field + " must be a positive number of seconds");
            }
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String s = value == null ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be a duration such as 3600, 90s, 15m, 1h, 7d or PT1H, got \"" + value + "\"");
        }
    }
}
