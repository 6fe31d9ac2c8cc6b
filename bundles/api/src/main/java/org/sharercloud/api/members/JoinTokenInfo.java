package org.sharercloud.api.members;

import java.time.Instant;

/** A join token as listed to admins: never the secret, only its id and how much of it is left. */
public record JoinTokenInfo(String id, Instant createdAt, Instant expiresAt, int uses, int usesLeft) {
}
