package org.sharercloud.members.internal;

import java.util.Map;
import java.util.regex.Pattern;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.HostMetrics;
import org.sharercloud.api.members.SharingPolicy;

/** What agents may send: every check throws a 400 naming the offending field, before anything is stored. */
final class InputRules {
    static final int MAX_LABELS = 32;
    static final int MAX_LABEL_VALUE = 128;
    static final int MAX_CORES = 4096;
    static final long MAX_MEMORY_MB = 64L * 1024 * 1024;
    static final int MAX_HYSTERESIS_SECONDS = 3600;
    private static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]*");

    private InputRules() {
    }

    static void host(HostInfo h, String f) {
        if (h == null) {
            throw ApiException.badRequest(f, f + " is required (machineId, hostname, os, arch, cores, memoryMb, ...)");
        }
        if (h.machineId() == null || !MACHINE_ID.matcher(h.machineId()).matches()) {
            throw ApiException.badRequest(f + ".machineId", "machineId must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        text(h.hostname(), f + ".hostname", 1, 255);
        text(h.os(), f + ".os", 0, 100);
        text(h.arch(), f + ".arch", 0, 32);
        if (h.cores() < 1 || h.cores() > MAX_CORES) {
            throw ApiException.badRequest(f + ".cores", "cores must be between 1 and " + MAX_CORES + ", got " + h.cores());
        }
        range(h.memoryMb(), f + ".memoryMb", 1, MAX_MEMORY_MB);
        range(h.diskMb(), f + ".diskMb", 0, Long.MAX_VALUE / 2);
        labels(h.labels(), f + ".labels");
        runtimes(h.runtimes(), f + ".runtimes");
    }

    static final int MAX_RUNTIMES = 8;
    private static final Pattern RUNTIME_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    static void runtimes(Map<String, org.sharercloud.api.members.RuntimeStatus> runtimes, String f) {
        if (runtimes.size() > MAX_RUNTIMES) {
            throw ApiException.badRequest(f, "at most " + MAX_RUNTIMES + " runtimes, got " + runtimes.size());
        }
        for (Map.Entry<String, org.sharercloud.api.members.RuntimeStatus> e : runtimes.entrySet()) {
            if (e.getKey() == null || !RUNTIME_NAME.matcher(e.getKey()).matches()) {
                throw ApiException.badRequest(f, "runtime names are 1-32 lower-case letters, digits or '-', got '" + shorten(e.getKey()) + "'");
            }
            if (e.getValue() == null) {
                throw ApiException.badRequest(f + "." + e.getKey(), "give {\"available\": true|false, \"detail\": \"...\"}");
            }
            String d = e.getValue().detail();
            if (d != null && (d.length() > 300 || !PRINTABLE.matcher(d).matches())) {
                throw ApiException.badRequest(f + "." + e.getKey() + ".detail", "detail must be at most 300 printable characters");
            }
        }
    }

    static void labels(Map<String, String> labels, String f) {
        if (labels == null) {
            return;
        }
        if (labels.size() > MAX_LABELS) {
            throw ApiException.badRequest(f, "at most " + MAX_LABELS + " labels, got " + labels.size());
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey() == null || !LABEL_KEY.matcher(e.getKey()).matches()) {
                throw ApiException.badRequest(f, "label names are 1-63 characters of letters, digits, '.', '_', '/' or '-', got '"
                        + shorten(e.getKey()) + "'");
            }
            String v = e.getValue();
            if (v == null || v.length() > MAX_LABEL_VALUE || !PRINTABLE.matcher(v).matches()) {
                throw ApiException.badRequest(f, "label '" + e.getKey() + "' must have a printable value of at most "
                        + MAX_LABEL_VALUE + " characters");
            }
        }
    }

    static void metrics(HostMetrics m) {
        if (m == null) {
            throw ApiException.badRequest("metrics", "metrics are required in a heartbeat");
        }
        fraction(m.cpuLoad(), "metrics.cpuLoad");
        fraction(m.ownerLoad(), "metrics.ownerLoad");
        range(m.memoryTotalMb(), "metrics.memoryTotalMb", 0, MAX_MEMORY_MB);
        range(m.memoryUsedMb(), "metrics.memoryUsedMb", 0, Math.max(m.memoryTotalMb(), 0));
        range(m.diskFreeMb(), "metrics.diskFreeMb", 0, Long.MAX_VALUE / 2);
        range(m.uptimeSeconds(), "metrics.uptimeSeconds", 0, Long.MAX_VALUE / 2);
    }

    static void policy(SharingPolicy p) {
        if (p == null) {
            return;
        }
        if (!(p.maxCpuShare() > 0 && p.maxCpuShare() <= 1)) {
            throw ApiException.badRequest("policy.maxCpuShare", "maxCpuShare must be a number in (0, 1], got " + p.maxCpuShare());
        }
        range(p.maxMemoryMb(), "policy.maxMemoryMb", 0, MAX_MEMORY_MB);
        fraction(p.ownerActiveThreshold(), "policy.ownerActiveThreshold");
        range(p.ownerActiveSeconds(), "policy.ownerActiveSeconds", 0, MAX_HYSTERESIS_SECONDS);
        range(p.ownerIdleSeconds(), "policy.ownerIdleSeconds", 0, MAX_HYSTERESIS_SECONDS);
        fraction(p.ownerIdleMargin(), "policy.ownerIdleMargin");
        if (p.sharingHours() != null) {
            SharingWindow.parse(p.sharingHours());
        }
    }

    /** The display name: the one given, else the host name. */
    /** A policy with its gaps filled: none means share everything, no hours means all day. */
    static SharingPolicy normalize(SharingPolicy p, HostInfo host) {
        if (p == null) {
            return SharingPolicy.unrestricted(host.memoryMb());
        }
        String hours = p.sharingHours() == null || p.sharingHours().isBlank() ? "0-24" : p.sharingHours().strip();
        return new SharingPolicy(p.maxCpuShare(), p.maxMemoryMb(), hours, p.pauseWhenOwnerActive(), p.ownerActiveThreshold(),
                p.ownerActiveSeconds(), p.ownerIdleSeconds(), p.ownerIdleMargin());
    }

    static String name(String name, HostInfo host) {
        if (name == null || name.isBlank()) {
            return host.hostname().strip();
        }
        text(name, "name", 1, 100);
        return name.strip();
    }

    private static void text(String v, String f, int min, int max) {
        if (v == null) {
            if (min > 0) {
                throw ApiException.badRequest(f, f + " is required");
            }
            return;
        }
        if (v.strip().length() < min || v.length() > max || !PRINTABLE.matcher(v).matches()) {
            throw ApiException.badRequest(f, f + " must be " + (min > 0 ? min + "-" : "at most ") + max + " printable characters");
        }
    }

    private static void fraction(double v, String f) {
        if (!(v >= 0 && v <= 1)) { // also refuses NaN
            throw ApiException.badRequest(f, f + " must be a number between 0 and 1, got " + v);
        }
    }

    private static void range(long v, String f, long min, long max) {
        if (v < min || v > max) {
            throw ApiException.badRequest(f, f + " must be between " + min + " and " + max + ", got " + v);
        }
    }

    private static String shorten(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
