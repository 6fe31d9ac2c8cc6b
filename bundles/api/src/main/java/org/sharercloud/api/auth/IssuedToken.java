package org.sharercloud.api.auth;

import java.time.Instant;

/**
 * A freshly minted API token. The secret is shown once; only its hash is stored.
 *
 * @param id      stable identifier of the token (not secret)
 * @param name    the name given at creation
 * @param role    the role it grants
 * @param token   the bearer secret
 * @param created when it was minted
 */
public record IssuedToken(String id, String name, Role role, String token, Instant created) {
}
