package org.sharercloud.portal.internal.rest;

import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.portal.internal.Services;

/**
 * Bearer-token authentication on every path but the public ones (health, join, the OpenAPI document and
 * its Swagger UI), by {@link BearerAuth}. Failures are 401 in the JSON error shape.
 */
@Provider
@PreMatching
public class AuthFilter implements ContainerRequestFilter {
    private static final Set<String> PUBLIC = Set.of("health", "agent/join", "openapi.json", "docs");

    /** The principal as JAX-RS sees it. */
    public record UserPrincipal(Principal principal) implements java.security.Principal {
        @Override
        public String getName() {
            return principal.subject();
        }
    }

    private final Services services;
    /** Injected by CXF (a proxy to the current request); null outside a server. */
    @Context
    private HttpServletRequest request;

    public AuthFilter(Services services) {
        this.services = services;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        if (isPublic(req.getUriInfo().getPath())) {
            return;
        }
        Principal principal;
        try {
            principal = BearerAuth.authenticate(services, req.getHeaderString("Authorization"), address(request));
        } catch (ApiException e) {
            req.abortWith(ErrorMapper.withRetryAfter(ErrorBody.response(e.status(), e.getMessage(), e.field()), e));
            return;
        }
        boolean secure = req.getSecurityContext() != null && req.getSecurityContext().isSecure();
        UserPrincipal user = new UserPrincipal(principal);
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

    /** The caller's address, or null when unknown. */
    static String address(HttpServletRequest request) {
        try {
            return request == null ? null : request.getRemoteAddr();
        } catch (RuntimeException e) { // no current request behind the proxy
            return null;
        }
    }

    /** Whether a path under {@code /api/v1} is served without a bearer token (the OpenAPI document says so too). */
    public static boolean isPublic(String path) {
        String p = trim(path);
        return PUBLIC.contains(p) || p.startsWith("docs/");
    }

    private static String trim(String p) {
        String s = p.startsWith("/") ? p.substring(1) : p;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
