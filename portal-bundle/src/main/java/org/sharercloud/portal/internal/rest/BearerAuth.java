package org.sharercloud.portal.internal.rest;

import java.util.Optional;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;

/**
 * Checks an {@code Authorization: Bearer <token>} header: member credentials ({@code m.<memberId>.<secret>})
 * by the members module, other tokens by the token store. The one implementation behind both the
 * JAX-RS {@link AuthFilter} and the {@link HeartbeatServlet}.
 */
public final class BearerAuth {
    static final String MISSING = "missing bearer token: send Authorization: Bearer <token> (the admin token is in data/sharer/admin.token)";
    static final String UNKNOWN = "unknown or revoked token";

    private BearerAuth() {
    }

    /**
     * The caller named by that header value.
     *
     * @throws ApiException 401 when the header is missing, not a bearer token, or names no live credential;
     *     503 when the module that checks it is not running
     */
    public static Principal authenticate(Services services, String header) {
        return authenticate(services, header, null);
    }

    /**
     * As {@link #authenticate(Services, String)}, rate-limited by the caller's address ({@link RateLimits}): an
     * address that failed too often is refused (429) before its token is checked; a bad or unknown token counts as
     * a failure, a missing one does not (browsers and probes ask without one first). A null address is not limited.
     *
     * @throws ApiException 429 ({@link RateLimits.Limited}) when the address used up its failures
     */
    public static Principal authenticate(Services services, String header, String address) {
        if (address != null) {
            RateLimits.get().checkNotBlocked(address);
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized(MISSING);
        }
        String token = header.substring(7).strip();
        Optional<Principal> principal = token.startsWith("m.")
                ? services.members().authenticate(token).map(id -> new Principal(id, Role.MEMBER))
                : services.tokens().authenticate(token);
        if (principal.isEmpty() && address != null) {
            RateLimits.get().failed(address);
        }
        return principal.orElseThrow(() -> ApiException.unauthorized(UNKNOWN));
    }
}
