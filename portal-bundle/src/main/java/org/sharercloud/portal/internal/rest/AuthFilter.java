package org.sharercloud.portal.internal.rest;

import java.util.Optional;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;

/**
 * Bearer-token authentication on every path but the public ones (health, join). Member credentials
 * ({@code m.<memberId>.<secret>}) are checked by the members module, other tokens by the token
 * store. Failures are 401 in the JSON error shape.
 */
@Provider
@PreMatching
public class AuthFilter implements ContainerRequestFilter {
    private static final Set<String> PUBLIC = Set.of("health", "agent/join");

    /** The principal as JAX-RS sees it. */
    public record UserPrincipal(Principal principal) implements java.security.Principal {
        @Override
        public String getName() {
            return principal.subject();
        }
    }

    private final Services services;

    public AuthFilter(Services services) {
        this.services = services;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        String path = trim(req.getUriInfo().getPath());
        if (PUBLIC.contains(path)) {
            return;
        }
        String header = req.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            req.abortWith(ErrorBody.response(401, "missing bearer token: send Authorization: Bearer <token> (the admin token is in data/sharer/admin.token)", null));
            return;
        }
        String token = header.substring(7).strip();
        Optional<Principal> principal;
        try {
            principal = token.startsWith("m.") ? memberPrincipal(token) : services.tokens().authenticate(token);
        } catch (ApiException e) {
            req.abortWith(ErrorBody.response(e.status(), e.getMessage(), e.field()));
            return;
        }
        if (principal.isEmpty()) {
            req.abortWith(ErrorBody.response(401, "unknown or revoked token", null));
            return;
        }
        boolean secure = req.getSecurityContext() != null && req.getSecurityContext().isSecure();
        UserPrincipal user = new UserPrincipal(principal.get());
        req.setSecurityContext(new SecurityContext() {
            @Override
            public java.security.Principal getUserPrincipal() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.principal().role().name().equalsIgnoreCase(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private Optional<Principal> memberPrincipal(String token) {
        return services.members().authenticate(token).map(id -> new Principal(id, Role.MEMBER));
    }

    private static String trim(String p) {
        String s = p.startsWith("/") ? p.substring(1) : p;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
