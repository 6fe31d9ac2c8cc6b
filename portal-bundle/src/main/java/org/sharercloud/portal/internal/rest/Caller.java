package org.sharercloud.portal.internal.rest;

import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;

/** The authenticated principal of a request, as set by {@link AuthFilter}. */
public final class Caller {
    private Caller() {
    }

    public static Principal of(SecurityContext sc) {
        if (sc != null && sc.getUserPrincipal() instanceof AuthFilter.UserPrincipal u) {
            return u.principal();
        }
        throw ApiException.unauthorized("send Authorization: Bearer <token>");
    }

    public static Principal admin(SecurityContext sc) {
        Principal p = of(sc);
        if (p.role() != Role.ADMIN) {
            throw ApiException.forbidden("this needs an admin token");
        }
        return p;
    }

    public static Principal member(SecurityContext sc) {
        return member(of(sc));
    }

    /** That principal when it is a member (an agent); 403 otherwise. */
    public static Principal member(Principal p) {
        if (p.role() != Role.MEMBER) {
            throw ApiException.forbidden("this needs a member credential (agents only)");
        }
        return p;
    }

    /** A requestor or an admin (people, not agents). */
    public static Principal person(SecurityContext sc) {
        Principal p = of(sc);
        if (p.role() == Role.MEMBER) {
            throw ApiException.forbidden("member credentials cannot do this; use a requestor or admin token");
        }
        return p;
    }
}
