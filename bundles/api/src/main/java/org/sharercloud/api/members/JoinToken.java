package org.sharercloud.api.members;

import java.time.Instant;

/** A join token minted by an admin; {@code token} is shown once. */
public record JoinToken(String id, String token, Instant expiresAt, int uses) {
}
