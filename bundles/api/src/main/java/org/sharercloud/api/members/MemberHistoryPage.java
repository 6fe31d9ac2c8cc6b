package org.sharercloud.api.members;

import java.util.List;

/**
 * One page of a member's transitions, newest first.
 *
 * @param items      at most the requested number of transitions
 * @param nextCursor pass it as {@code cursor} for the next (older) page; {@code null} on the last page
 */
public record MemberHistoryPage(List<MemberTransition> items, String nextCursor) {
    public MemberHistoryPage {
        items = List.copyOf(items);
    }
}
