package org.sharercloud.api.auth;

import java.time.Instant;

/** An API token as listed to admins: never the secret. */
public record TokenInfo(String id, String name, Role role, Instant created, boolean revoked) {
}
