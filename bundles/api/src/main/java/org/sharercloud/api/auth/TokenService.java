package org.sharercloud.api.auth;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Bearer tokens for admins and requestors (member credentials are checked by the members module). */
@ProviderType
public interface TokenService {
    /** The principal a bearer token stands for, or empty when it is unknown, revoked or expired. */
    Optional<Principal> authenticate(String bearer);

    /** Mints a token that never expires, with its role's default priority grant. */
    default IssuedToken mint(String name, Role role) {
        return mint(name, role, null, null);
    }

    /**
     * Mints a new token.
     *
     * @param expiresAt   when it stops working (null: never); must be in the future
     * @param maxPriority the highest workload priority it may set, 0..1000 (null: 0 for requestors, 1000 for admins)
     * @throws org.sharercloud.api.ApiException 400 when the name is empty or too long, the role cannot be minted
     *                                          (MEMBER credentials come from joining), {@code expiresAt} is past or
     *                                          {@code maxPriority} out of range; 409 when the name is taken (names
     *                                          are unique, revoked tokens' included, as they own what they created)
     */
    IssuedToken mint(String name, Role role, Instant expiresAt, Integer maxPriority);

    /** Every API token (admins and requestors), newest first, without secrets. */
    java.util.List<TokenInfo> list();

    /**
     * Revokes a token: it stops working at once.
     *
     * @throws org.sharercloud.api.ApiException 404 for an unknown id, 409 when it is the last admin token
     */
    TokenInfo revoke(String id);

    /**
     * Rotates a token: a new secret for the same id, name, role, grant and expiry; the old secret stops working
     * at once.
     *
     * @throws org.sharercloud.api.ApiException 404 for an unknown id, 409 for a revoked or expired token
     */
    IssuedToken rotate(String id);
}
