package org.sharercloud.portal.internal.shell;

import org.sharercloud.api.Page;
import org.sharercloud.portal.internal.rest.Paging;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The listing commands page as the API does: without {@code --limit} and {@code --cursor} they show the plain
 * list (at most 1000), with either one page; {@code --json} prints exactly what the API answers for the same
 * query (the plain array, or the {@code {"items","nextCursor"}} envelope).
 */
final class ShellPaging {
    private ShellPaging() {
    }

    static void printJson(Page<?> page, String limit, String cursor) throws JsonProcessingException {
        ShellJson.print(Paging.body(page, Paging.envelope(limit, cursor)));
    }

    /** The line under a table: how many are shown and, when there are more, how to get them. */
    static void footer(String command, Page<?> page, String noun) {
        int n = page.items().size();
        System.out.println(n + " " + noun + (n == 1 ? "" : "s") + (page.nextCursor() == null ? ""
                : "; more: sharer:" + command + " --cursor " + page.nextCursor() + " (with the same filters)"));
    }
}
