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
import org.sharercloud.api.workloads.CreditStatement;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/credits}: a member sees its own balance and history; an admin sees every balance,
 * or one member's statement with {@code ?member=}.
 */
@Path("credits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "credits")
public class CreditResource {
    private final Services services;

    public CreditResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "getCredits", summary = "Credits: a member's own statement; for an admin every balance, or one member's statement",
            responses = @ApiResponse(responseCode = "200", description = "a CreditStatement, or for an admin without member a list of them (entries omitted)",
                    content = @Content(schema = @Schema(oneOf = {CreditStatement.class, CreditStatement[].class}))))
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
