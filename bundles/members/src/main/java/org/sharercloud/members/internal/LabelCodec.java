package org.sharercloud.members.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.sharercloud.api.members.RuntimeStatus;

/**
 * Labels in one text column as {@code k=v&k2=v2}, URL-encoded; runtimes the same way, each value {@code true} or
 * {@code false} with the detail after a colon ({@code docker=false%3Ano+reachable+Docker+engine}).
 */
final class LabelCodec {
    private LabelCodec() {
    }

    static String encode(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return Map.of();
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Map.copyOf(out);
    }

    static String encodeRuntimes(Map<String, RuntimeStatus> runtimes) {
        Map<String, String> flat = new TreeMap<>();
        runtimes.forEach((k, v) -> flat.put(k, v.available() ? "true" : "false" + (v.detail() == null ? "" : ":" + v.detail())));
        return encode(flat);
    }

    /** The runtimes stored, or null when none were (a row written before runtimes were stored: derived from the rest). */
    static Map<String, RuntimeStatus> decodeRuntimes(String text) {
        if (text == null) {
            return null;
        }
        Map<String, RuntimeStatus> out = new TreeMap<>();
        decode(text).forEach((k, v) -> out.put(k, v.equals("true") ? RuntimeStatus.ok()
                : RuntimeStatus.unavailable(v.startsWith("false:") ? v.substring(6) : null)));
        return out;
    }
}
