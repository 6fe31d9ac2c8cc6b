package org.sharercloud.api.auth;

import java.time.Instant;

/**
 * A freshly minted (or rotated) API token. The secret is shown once; only its hash is stored.
 *
 * @param id          stable identifier of the token (not secret)
 * @param name        the unique name given at creation
 * @param role        the role it grants
 * @param token       the bearer secret
 * @param created     when it was minted
 * @param expiresAt   when it stops working, or null for never
 * @param maxPriority the highest workload priority it may set
 */
public record IssuedToken(String id, String name, Role role, String token, Instant created, Instant expiresAt, int maxPriority) {
    public IssuedToken(String id, String name, Role role, String token, Instant created) {
        this(id, name, role, token, created, null, role == Role.ADMIN ? Principal.ADMIN_MAX_PRIORITY : 0);
    }
}
