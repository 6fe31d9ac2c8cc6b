package org.sharercloud.api.auth;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Bearer tokens for admins and requestors (member credentials are checked by the members module). */
@ProviderType
public interface TokenService {
    /** The principal a bearer token stands for, or empty when it is unknown or revoked. */
    Optional<Principal> authenticate(String bearer);

    /**
     * Mints a new token.
     *
     * @throws org.sharercloud.api.ApiException 400 when the name is empty or too long or the role
     *                                          cannot be minted (MEMBER credentials come from joining)
     */
    IssuedToken mint(String name, Role role);

    /** Every API token (admins and requestors), newest first, without secrets. */
    java.util.List<TokenInfo> list();

    /**
     * Revokes a token: it stops working at once.
     *
     * @throws org.sharercloud.api.ApiException 404 for an unknown id, 409 when it is the last admin token
     */
    TokenInfo revoke(String id);
}
