package org.sharercloud.portal.internal.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import javax.ws.rs.core.Response;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;

/**
 * Pagination of the API's listings. A listing answers a plain JSON array (the form before pagination,
 * capped at {@link Page#MAX_LIMIT} items with the next cursor in the {@code X-Next-Cursor} header when
 * cut) unless the client sends {@code limit} or {@code cursor}: then {@code {"items":[…],"nextCursor":…}}.
 * In-memory listings (members, credits) are paged here by a sort key; the store pages workloads itself.
 */
public final class Paging {
    /** Header naming the next page's cursor when a plain-array answer was cut. */
    public static final String NEXT_HEADER = "X-Next-Cursor";

    /** How every paginated listing behaves, for the OpenAPI document. */
    static final String DESCRIPTION = "Without limit and cursor the answer is a plain JSON array (at most 1000 items; when cut, the "
            + NEXT_HEADER + " header carries the cursor of the rest). With limit or cursor it is a page: {\"items\": [...], "
            + "\"nextCursor\": ...} (nextCursor null on the last page). A bad limit or cursor, or an unknown state, is a 400 naming it.";
    static final String ANSWER = "a plain array (no limit and no cursor sent), or a page envelope (limit or cursor sent)";
    static final String NEXT_HEADER_DESCRIPTION = "on a plain-array answer that was cut at 1000 items: the cursor of the rest";
    static final String LIMIT = "page size, 1-1000 (default 50); sending it asks for the page envelope";
    static final String CURSOR = "the nextCursor of the previous page (opaque); sending it asks for the page envelope";

    private Paging() {
    }

    /** True when the client asked for the envelope form. */
    public static boolean envelope(String limit, String cursor) {
        return limit != null && !limit.isBlank() || cursor != null && !cursor.isBlank();
    }

    /** The page size asked for: {@link Page#DEFAULT_LIMIT} when absent, 400 naming {@code limit} when out of range. */
    public static int limit(String limit, boolean envelope) {
        if (limit == null || limit.isBlank()) {
            return envelope ? Page.DEFAULT_LIMIT : Page.MAX_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= Page.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw ApiException.badRequest("limit", "limit must be a whole number between 1 and " + Page.MAX_LIMIT);
    }

    /** What is answered: the envelope, or the plain array of its items (the shell's {@code --json} prints the same). */
    public static Object body(Page<?> page, boolean envelope) {
        return envelope ? page : page.items();
    }

    /** The response: the envelope, or the plain array with {@link #NEXT_HEADER} when there is more. */
    public static Response respond(Page<?> page, boolean envelope) {
        Response.ResponseBuilder b = Response.ok(body(page, envelope));
        return envelope || page.nextCursor() == null ? b.build() : b.header(NEXT_HEADER, page.nextCursor()).build();
    }

    /**
     * One page of {@code all}, ordered by {@code key} (unique per item), after the item whose key the
     * cursor carries. {@code kind} keeps one listing's cursors out of another.
     */
    public static <T> Page<T> page(List<T> all, Function<T, String> key, String kind, String cursor, int limit) {
        String after = decode(kind, cursor);
        List<T> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(key));
        List<T> out = new ArrayList<>(Math.min(limit, sorted.size()));
        String next = null;
        for (T t : sorted) {
            String k = key.apply(t);
            if (after != null && k.compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                next = encode(kind, key.apply(out.get(out.size() - 1)));
                break;
            }
            out.add(t);
        }
        return new Page<>(out, next);
    }

    static String encode(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String kind, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (s.startsWith(kind + "\n")) {
                return s.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // the 400 below
        }
        throw ApiException.badRequest("cursor", "cursor is not one this listing returned; start again without it");
    }
}
