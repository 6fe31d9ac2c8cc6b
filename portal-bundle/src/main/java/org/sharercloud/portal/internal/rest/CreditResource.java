package org.sharercloud.portal.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;

/**
 * {@code GET /api/v1/credits}: a member sees its own balance and history; an admin sees every balance,
 * or one member's statement with {@code ?member=}.
 */
@Path("credits")
@Produces(MediaType.APPLICATION_JSON)
public class CreditResource {
    private final Services services;

    public CreditResource(Services services) {
        this.services = services;
    }

    @GET
    public Object credits(@QueryParam("member") String member, @Context SecurityContext sc) {
        Principal p = Caller.of(sc);
        if (p.role() == Role.MEMBER) {
            if (member != null && !member.equals(p.subject())) {
                throw ApiException.forbidden("a member sees only its own credits");
            }
            return services.credits().statement(p.subject());
        }
        if (!p.isAdmin()) {
            throw ApiException.forbidden("credits are shown to members (their own) and admins");
        }
        return member == null || member.isBlank() ? services.credits().balances() : services.credits().statement(member);
    }
}
