package org.sharercloud.api;

import java.util.List;

/**
 * One page of a listing. {@code nextCursor} is opaque: pass it back as {@code cursor} to get the next
 * page; it is {@code null} on the last page.
 *
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
    /** The largest page any listing serves. */
    public static final int MAX_LIMIT = 1000;
    /** The page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;

    public Page {
        items = List.copyOf(items);
    }
}
