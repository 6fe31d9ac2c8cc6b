package org.sharercloud.portal.internal.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
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
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.monitoring.HourAvailability;
import org.sharercloud.api.monitoring.MetricPoint;
import org.sharercloud.api.workloads.Allocation;
import org.sharercloud.api.workloads.AllocationTracker;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
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

    /**
     * Members (admins) or available workers (requestors), ordered by name, filtered by {@code state} and
     * {@code search}; paginated with {@code limit} and {@code cursor} (see {@link Paging}).
     */
    @Operation(operationId = "listMembers", summary = "Members: every one for an admin, the available workers for a requestor; filtered and paginated",
            description = Paging.DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = Paging.ANSWER + "; admins get MemberRow objects, requestors Worker objects",
                    headers = @Header(name = Paging.NEXT_HEADER, description = Paging.NEXT_HEADER_DESCRIPTION, schema = @Schema(type = "string")),
                    content = @Content(schema = @Schema(anyOf = {PageSchemas.MemberListItem[].class, PageSchemas.MemberPage.class}))))
    @GET
    public Response list(
            @Parameter(description = "only members in this state, or CORDONED for the cordoned ones",
                    schema = @Schema(allowableValues = {"ONLINE", "SUSPECT", "DRAINING", "OFFLINE", "CORDONED"})) @QueryParam("state") String state,
            @Parameter(description = "case-insensitive part of the name, id, host name or a label value") @QueryParam("search") String search,
            @Parameter(description = Paging.LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context SecurityContext sc) {
        Principal p = Caller.person(sc);
        boolean envelope = Paging.envelope(limit, cursor);
        return Paging.respond(p.isAdmin() ? adminPage(services, state, search, limit, cursor) : workerPage(services, state, search, limit, cursor),
                envelope);
    }

    /** What {@code GET /members} shows an admin: members with what is placed on each (the shell's {@code member-list}). */
    public static Page<MemberViews.AdminRow> adminPage(Services services, String state, String search, String limit, String cursor) {
        Page<Member> page = members(services, state, search, limit, cursor, m -> true);
        Map<String, Allocation> placed = services.allocationsIfRunning().map(AllocationTracker::byMember).orElse(Map.of());
        return new Page<>(page.items().stream().map(m -> new MemberViews.AdminRow(m, placed.getOrDefault(m.id(), Allocation.NONE))).toList(),
                page.nextCursor());
    }

    /** What {@code GET /members} shows a requestor: the available workers (the shell's {@code worker-list}). */
    public static Page<MemberViews.Worker> workerPage(Services services, String state, String search, String limit, String cursor) {
        Page<Member> page = members(services, state, search, limit, cursor, MemberViews::available);
        return new Page<>(page.items().stream().map(MemberViews::worker).toList(), page.nextCursor());
    }

    private static Page<Member> members(Services services, String state, String search, String limit, String cursor,
            java.util.function.Predicate<Member> visible) {
        int n = Paging.limit(limit, Paging.envelope(limit, cursor));
        List<Member> all = services.members().list().stream().filter(MemberViews.filter(state, search)).filter(visible)
                .collect(Collectors.toList());
        return Paging.page(all, m -> MemberViews.sortKey(m.name(), m.id()), "m", cursor, n);
    }

    /** Number of members in each state, and how many are cordoned (admin): the header of the members view. */
    @Operation(operationId = "getMemberSummary", summary = "How many members are in each state, and how many are cordoned (admin)",
            description = "The number of members by state (a state without members is left out), and CORDONED: how many are cordoned, "
                    + "whatever their state.")
    @GET
    @Path("summary")
    public Map<String, Integer> summary(@Context SecurityContext sc) {
        Caller.admin(sc);
        return summary(services);
    }

    /** What {@code GET /members/summary} answers (the shell's {@code member-summary}). */
    public static Map<String, Integer> summary(Services services) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        services.members().countByState().forEach((k, v) -> out.put(k.name(), v));
        out.put("CORDONED", (int) services.members().list().stream().filter(Member::cordoned).count());
        return out;
    }

    /** What ran on a member: its attempts, newest first, always as a page ({@code limit} default 50). */
    @Operation(operationId = "listMemberAttempts", summary = "What ran on a member: its attempts, newest first, always a page (admin, or that member)",
            responses = @ApiResponse(responseCode = "200", description = "one page of attempts",
                    content = @Content(schema = @Schema(implementation = PageSchemas.AttemptPage.class))))
    @GET
    @Path("{id}/attempts")
    public Response attempts(@PathParam("id") String id,
            @Parameter(description = "page size, 1-1000 (default 50)", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context SecurityContext sc) {
        selfOrAdmin(Caller.of(sc), id);
        return Response.ok(attempts(services, id, limit, cursor)).build();
    }

    /** What {@code GET /members/{id}/attempts} answers (the shell's {@code member-attempts}); 404 for an unknown member. */
    public static Page<Attempt> attempts(Services services, String id, String limit, String cursor) {
        services.membersIfRunning().ifPresent(m -> m.get(id));
        return services.workloads().attemptsOn(id, cursor, Paging.limit(limit, true));
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

    static Instant instant(String field, String v) {
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
