package org.sharercloud.api.members;

import java.time.Instant;

/**
 * One change of a member's state or cordon, as recorded by the coordinator.
 *
 * @param at       when it happened
 * @param from     the state before
 * @param to       the state after ({@code from} and {@code to} are equal when only the cordon changed)
 * @param cordoned whether the member is cordoned after the change
 * @param reason   why, in words (e.g. "owner load above 0.60 for 15 s (0.83 now)", "no heartbeat for 16 s")
 */
public record MemberTransition(Instant at, MemberState from, MemberState to, boolean cordoned, String reason) {
}
