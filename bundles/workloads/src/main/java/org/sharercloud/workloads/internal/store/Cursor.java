package org.sharercloud.workloads.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;

/**
 * Keyset cursors for listings ordered by (time DESC, id): opaque to clients (base64url of
 * {@code kind:millis:id}), checked on the way back in.
 */
public record Cursor(long millis, String id) {
    /** The cursor a client sent, or null for the first page; 400 naming {@code cursor} when it is not ours. */
    public static Cursor decode(String kind, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            String[] parts = s.split(":", 3);
            if (parts.length == 3 && parts[0].equals(kind) && !parts[2].isEmpty()) {
                return new Cursor(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400
        }
        throw ApiException.badRequest("cursor", "cursor is not one this listing returned; start again without it");
    }

    public String encode(String kind) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + millis + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** 400 naming {@code limit} unless 1..{@link Page#MAX_LIMIT}. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + Page.MAX_LIMIT);
        }
        return limit;
    }

    /** A LIKE pattern matching {@code text} anywhere, with LIKE's wildcards escaped by {@code \}. */
    public static String contains(String text) {
        return "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
