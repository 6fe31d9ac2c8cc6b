package org.sharercloud.portal.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.workloads.CreditEntry;
import org.sharercloud.api.workloads.CreditStatement;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
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

    /**
     * A statement (its {@code entries} cut to {@code limit}, default {@link Page#MAX_LIMIT}, newest first,
     * {@code nextCursor} set when more remain) or, for an admin without {@code member}, the balances ordered
     * by member id, paginated with {@code limit} and {@code cursor} (see {@link Paging}).
     */
    @Operation(operationId = "getCredits", summary = "Credits: a member's own statement; for an admin every balance, or one member's statement",
            description = "A statement (a member's own, or for an admin the member named) has its entries newest first, cut to limit "
                    + "(default 1000) with nextCursor for the rest. An admin without member gets the balances (statements without entries) "
                    + "ordered by member id, paginated like every listing: " + Paging.DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = "a StatementPage; for an admin without member " + Paging.ANSWER,
                    headers = @Header(name = Paging.NEXT_HEADER, description = Paging.NEXT_HEADER_DESCRIPTION, schema = @Schema(type = "string")),
                    content = @Content(schema = @Schema(anyOf = {StatementPage.class, CreditStatement[].class, PageSchemas.CreditBalancePage.class}))))
    @GET
    public Response credits(@Parameter(description = "the member whose statement to show (admins; a member sees only its own)") @QueryParam("member") String member,
            @Parameter(description = "page size, 1-1000: of the balances (then the page envelope is answered) or of a statement's entries",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context SecurityContext sc) {
        Principal p = Caller.of(sc);
        if (p.role() == Role.MEMBER) {
            if (member != null && !member.equals(p.subject())) {
                throw ApiException.forbidden("a member sees only its own credits");
            }
            return Response.ok(statement(services, p.subject(), limit, cursor)).build();
        }
        if (!p.isAdmin()) {
            throw ApiException.forbidden("credits are shown to members (their own) and admins");
        }
        if (member != null && !member.isBlank()) {
            return Response.ok(statement(services, member.strip(), limit, cursor)).build();
        }
        return Paging.respond(balances(services, limit, cursor), Paging.envelope(limit, cursor));
    }

    /** Every member's balance, ordered by member id: one page (the shell's {@code credits}). */
    public static Page<CreditStatement> balances(Services services, String limit, String cursor) {
        return Paging.page(services.credits().balances(), CreditStatement::memberId, "c", cursor, Paging.limit(limit, Paging.envelope(limit, cursor)));
    }

    /** A statement with one page of entries; {@code nextCursor} continues them. */
    public record StatementPage(String memberId, double balance, double cpuSeconds, int attempts, List<CreditEntry> entries,
            String nextCursor) {
    }

    /** One member's statement with one page of its entries (the shell's {@code credits MEMBER}). */
    public static StatementPage statement(Services services, String memberId, String limitParam, String cursor) {
        int limit = Paging.limit(limitParam, Paging.envelope(limitParam, cursor));
        CreditStatement s = services.credits().statement(memberId);
        List<CreditEntry> entries = s.entries();
        int from = 0;
        if (cursor != null && !cursor.isBlank()) {
            String key = Paging.decode("e", cursor);
            from = entries.size();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).attemptId().equals(key)) {
                    from = i + 1;
                    break;
                }
            }
        }
        int to = Math.min(entries.size(), from + limit);
        String next = to < entries.size() ? Paging.encode("e", entries.get(to - 1).attemptId()) : null;
        return new StatementPage(s.memberId(), s.balance(), s.cpuSeconds(), s.attempts(), entries.subList(from, to), next);
    }
}
