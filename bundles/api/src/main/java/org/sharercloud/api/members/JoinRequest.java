package org.sharercloud.api.members;

/** An agent asking to join with a join token. */
public record JoinRequest(String joinToken, String name, HostInfo host, SharingPolicy policy) {
}
