package org.sharercloud.portal.internal.rest;

import java.util.List;

import org.sharercloud.api.Page;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.CreditStatement;
import org.sharercloud.api.workloads.Workload;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The page envelopes of the listings, as named schemas of the OpenAPI document: {@link Page} is generic, so
 * each listing's envelope is spelled out here with its item type. Only the document uses these records; the
 * resources answer {@link Page} itself, whose JSON has exactly these two properties (OpenApiContractTest
 * holds them to {@link Page}'s components).
 */
public final class PageSchemas {
    private PageSchemas() {
    }

    private static final String NEXT = "pass it back as cursor for the next page; null on the last page";

    @Schema(description = "One page of workloads, newest first")
    public record WorkloadPage(List<Workload> items, @Schema(description = NEXT, nullable = true) String nextCursor) {
    }

    /** An item of {@code GET /members}: a MemberRow for admins, a Worker for requestors (a MemberRow also validates as a Worker). */
    @Schema(name = "MemberListItem", description = "admins get MemberRow objects, requestors Worker objects",
            anyOf = {MemberViews.AdminRow.class, MemberViews.Worker.class})
    public interface MemberListItem {
    }

    @Schema(description = "One page of members (admins: MemberRow) or available workers (requestors: Worker), ordered by name")
    public record MemberPage(List<MemberListItem> items, @Schema(description = NEXT, nullable = true) String nextCursor) {
    }

    @Schema(description = "One page of credit balances (statements without entries), ordered by member id")
    public record CreditBalancePage(List<CreditStatement> items, @Schema(description = NEXT, nullable = true) String nextCursor) {
    }

    @Schema(description = "One page of a member's attempts, newest first")
    public record AttemptPage(List<Attempt> items, @Schema(description = NEXT, nullable = true) String nextCursor) {
    }
}
