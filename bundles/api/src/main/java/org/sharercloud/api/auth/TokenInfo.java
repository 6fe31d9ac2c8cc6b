package org.sharercloud.api.auth;

import java.time.Instant;

/**
 * An API token as listed to admins: never the secret.
 *
 * @param id          stable identifier
 * @param name        its unique name (the owner of what it creates)
 * @param role        the role it grants
 * @param created     when it was minted
 * @param revoked     whether it was revoked
 * @param expiresAt   when it stops working, or null for never
 * @param maxPriority the highest workload priority it may set
 * @param rotated     when its secret was last replaced, or null
 */
public record TokenInfo(String id, String name, Role role, Instant created, boolean revoked, Instant expiresAt, int maxPriority,
        Instant rotated) {
    public TokenInfo(String id, String name, Role role, Instant created, boolean revoked) {
        this(id, name, role, created, revoked, null, role == Role.ADMIN ? Principal.ADMIN_MAX_PRIORITY : 0, null);
    }
}
