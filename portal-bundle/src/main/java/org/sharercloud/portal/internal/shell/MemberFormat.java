package org.sharercloud.portal.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.sharercloud.api.members.Member;

/** How members look in the shell. */
final class MemberFormat {
    /** "docker yes, process no (no process runtime enabled: …)". */
    static String runtimes(java.util.Map<String, org.sharercloud.api.members.RuntimeStatus> runtimes) {
        if (runtimes == null || runtimes.isEmpty()) {
            return "none reported";
        }
        return runtimes.entrySet().stream().map(e -> e.getKey() + (e.getValue().available() ? " yes"
                : " no" + (e.getValue().detail() == null ? "" : " (" + e.getValue().detail() + ")")))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private MemberFormat() {
    }

    static String cores(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    static String memory(long mb) {
        return mb >= 10240 ? String.format(Locale.ROOT, "%.1f GB", mb / 1024.0) : mb + " MB";
    }

    static String load(Member m) {
        return m.metrics() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.metrics().cpuLoad());
    }

    static String ago(Instant t, Instant now) {
        if (t == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(t, now).getSeconds());
        if (s < 120) {
            return s + "s ago";
        }
        if (s < 7200) {
            return s / 60 + "m ago";
        }
        return s < 172_800 ? s / 3600 + "h ago" : s / 86_400 + "d ago";
    }

    /** What is placed on a member: "2 attempts, 0.50 cores, 128 MB" (or "-"). */
    static String placed(org.sharercloud.api.workloads.Allocation a) {
        if (a == null || a.attempts() + a.reservations() == 0) {
            return "-";
        }
        return a.attempts() + (a.attempts() == 1 ? " attempt" : " attempts") + (a.reservations() == 0 ? ""
                : ", " + a.reservations() + (a.reservations() == 1 ? " worker" : " workers")) + ", " + cores(a.cpuMillis()) + " cores, "
                + memory(a.memoryMb());
    }

    static String state(Member m) {
        return m.cordoned() ? m.state() + " (cordoned)" : m.state().toString();
    }
}
