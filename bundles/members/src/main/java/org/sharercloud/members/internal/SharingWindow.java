package org.sharercloud.members.internal;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.HostInfo;

/**
 * An owner's sharing hours (the other reason to pause sharing, a busy owner, is {@link OwnerActivity}):
 * ranges of whole local hours, {@code "0-24"}, {@code "9-17"}, {@code "22-7"} (across midnight) or several joined by commas; the
 * local time zone is the host's {@code tz} label (e.g. {@code Europe/Paris}), else the coordinator's.
 */
final class SharingWindow {
    static final String TZ_LABEL = "tz";
    private static final int ALL = (1 << 24) - 1;

    /** Allowed hours of the day, bit {@code h} set when hour {@code h} (h:00-h:59) is allowed. */
    private final int hours;

    private SharingWindow(int hours) {
        this.hours = hours;
    }

    static SharingWindow parse(String spec) {
        String f = "policy.sharingHours";
        if (spec == null || spec.isBlank()) {
            return new SharingWindow(ALL);
        }
        if (spec.length() > 100) {
            throw ApiException.badRequest(f, "sharingHours is at most 100 characters");
        }
        int bits = 0;
        for (String part : spec.split(",")) {
            String[] ends = part.strip().split("-");
            if (ends.length != 2) {
                throw ApiException.badRequest(f, "sharingHours must look like \"0-24\", \"9-17\" or \"22-7,12-13\", got \"" + spec + "\"");
            }
            int from = hour(ends[0], spec, 23);
            int to = hour(ends[1], spec, 24) % 24;
            if (from == to) { // "0-24": the whole day
                bits = ALL;
                continue;
            }
            for (int h = from; h != to; h = (h + 1) % 24) {
                bits |= 1 << h;
            }
        }
        return new SharingWindow(bits);
    }

    private static int hour(String s, String spec, int max) {
        try {
            int h = Integer.parseInt(s.strip());
            if (h >= 0 && h <= max) {
                return h;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("policy.sharingHours", "sharingHours are ranges of hours from 0-23 to 1-24, got \"" + spec + "\"");
    }

    boolean allows(int hourOfDay) {
        return (hours & (1 << hourOfDay)) != 0;
    }

    static ZoneId zone(HostInfo host, ZoneId fallback) {
        String tz = host == null || host.labels() == null ? null : host.labels().get(TZ_LABEL);
        if (tz != null) {
            try {
                return ZoneId.of(tz);
            } catch (DateTimeException e) {
                // an unknown zone falls back to the coordinator's
            }
        }
        return fallback;
    }
}
