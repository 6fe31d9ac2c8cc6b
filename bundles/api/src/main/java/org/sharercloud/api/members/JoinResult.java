package org.sharercloud.api.members;

/**
 * The answer to a join: the member's id and its own bearer credential (shown once, stored hashed).
 *
 * @param heartbeatSeconds the interval the coordinator expects heartbeats at
 */
public record JoinResult(String memberId, String credential, int heartbeatSeconds) {
}
