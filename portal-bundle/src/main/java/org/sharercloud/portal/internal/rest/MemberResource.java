package org.sharercloud.portal.internal.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/members}: admins see and manage every member; requestors see available workers
 * ({@link MemberViews.Worker}); an agent sees only itself, its own metrics and its own history.
 */
@Path("members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MemberResource {
    static final int DEFAULT_HISTORY_LIMIT = 50;
    private final Services services;

    public MemberResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "listMembers", summary = "Members: every one for an admin, the available workers for a requestor",
            responses = @ApiResponse(responseCode = "200", description = "admins get Member objects, requestors Worker objects",
                    content = @Content(array = @ArraySchema(schema = @Schema(anyOf = {Member.class, MemberViews.Worker.class})))))
    @GET
    public List<?> list(@Context SecurityContext sc) {
        Principal p = Caller.person(sc);
        List<Member> all = services.members().list();
        if (p.isAdmin()) {
            return all;
        }
        return all.stream().filter(MemberViews::available).map(MemberViews::worker).collect(Collectors.toList());
    }

    @Operation(operationId = "getMember", summary = "One member (admin, or that member itself); a requestor sees an available worker",
            responses = @ApiResponse(responseCode = "200", description = "a Member, or a Worker for a requestor",
                    content = @Content(schema = @Schema(anyOf = {Member.class, MemberViews.Worker.class}))))
    @GET
    @Path("{id}")
    public Object get(@PathParam("id") String id, @Context SecurityContext sc) {
        Principal p = Caller.of(sc);
        if (p.role() == Role.REQUESTOR) {
            Member m = services.members().get(id);
            if (!MemberViews.available(m)) {
                throw ApiException.notFound("available worker " + id);
            }
            return MemberViews.worker(m);
        }
        selfOrAdmin(p, id);
        return services.members().get(id);
    }

    @Operation(operationId = "cordonMember", summary = "Stop placing new work on a member (admin)")
    @POST
    @Path("{id}/cordon")
    public Member cordon(@PathParam("id") String id, @Context SecurityContext sc) {
        Caller.admin(sc);
        return services.members().cordon(id);
    }

    @Operation(operationId = "uncordonMember", summary = "Let new work be placed on a member again (admin)")
    @POST
    @Path("{id}/uncordon")
    public Member uncordon(@PathParam("id") String id, @Context SecurityContext sc) {
        Caller.admin(sc);
        return services.members().uncordon(id);
    }

    @Operation(operationId = "removeMember", summary = "Forget a member; its credential stops working (admin)",
            responses = @ApiResponse(responseCode = "204", description = "removed"))
    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id, @Context SecurityContext sc) {
        Caller.admin(sc);
        services.members().remove(id);
        return Response.noContent().build();
    }

    /** Metric history: {@code from}/{@code to} as ISO-8601 instants or Unix seconds (default: the last hour), {@code step} as a duration. */
    @Operation(operationId = "getMemberMetrics", summary = "A member's metric history, downsampled to step (admin, or that member)")
    @GET
    @Path("{id}/metrics")
    public List<MetricPoint> metrics(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("step") String step, @Context SecurityContext sc) {
        selfOrAdmin(Caller.of(sc), id);
        services.membersIfRunning().ifPresent(m -> m.get(id)); // 404 for an unknown member
        Instant end = to == null || to.isBlank() ? Instant.now() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofHours(1)) : instant("from", from);
        Duration s = step == null || step.isBlank() ? defaultStep(start, end) : Durations.parse("step", step);
        return services.monitoring().history(id, start, end, s);
    }

    /** The fraction of each of the last {@code hours} hours the member was ONLINE. */
    @Operation(operationId = "getMemberAvailability", summary = "The fraction of each of the last hours a member was ONLINE (admin, or that member)")
    @GET
    @Path("{id}/availability")
    public List<HourAvailability> availability(@PathParam("id") String id, @QueryParam("hours") @DefaultValue("24") String hours,
            @Context SecurityContext sc) {
        selfOrAdmin(Caller.of(sc), id);
        services.membersIfRunning().ifPresent(m -> m.get(id));
        int n;
        try {
            n = Integer.parseInt(hours.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("hours", "hours must be a whole number between 1 and 8760");
        }
        return services.monitoring().availability(id, n);
    }

    /**
     * The member's state and cordon changes, newest first: {@code {"items":[{"at","from","to","cordoned","reason"}],
     * "nextCursor"}}; {@code limit} 1..500 (default 50), {@code cursor} from the previous page.
     */
    @Operation(operationId = "getMemberHistory", summary = "A member's state and cordon changes, newest first, with time and reason (admin, or that member)")
    @GET
    @Path("{id}/history")
    public MemberHistoryPage history(@PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context SecurityContext sc) {
        selfOrAdmin(Caller.of(sc), id);
        return services.members().history(id, limit(limit), cursor);
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_HISTORY_LIMIT;
        }
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit", "limit must be a whole number between 1 and " + MemberService.MAX_HISTORY_LIMIT);
        }
    }

    private static void selfOrAdmin(Principal p, String id) {
        if (p.isAdmin() || p.role() == Role.MEMBER && p.subject().equals(id)) {
            return;
        }
        throw ApiException.forbidden(p.role() == Role.MEMBER ? "an agent may only see itself" : "this needs an admin token");
    }

    private static Instant instant(String field, String v) {
        String s = v.strip();
        try {
            if (s.matches("\\d{1,12}(\\.\\d{1,9})?")) {
                return Instant.ofEpochMilli(Math.round(Double.parseDouble(s) * 1000));
            }
            return Instant.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 instant (2025-01-15T12:00:00Z) or Unix seconds");
        }
    }

    /** About 360 points, in whole seconds. */
    private static Duration defaultStep(Instant from, Instant to) {
        long seconds = Math.max(1, (to.getEpochSecond() - from.getEpochSecond() + 359) / 360);
        return Duration.ofSeconds(seconds);
    }
}
