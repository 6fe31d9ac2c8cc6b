package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.servlet.http.HttpServletRequest;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.AsyncResponse;
import javax.ws.rs.container.Suspended;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.sharercloud.portal.internal.LongRequests;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.Page;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.scheduler.PendingExplanation;
import org.sharercloud.api.workloads.Attempt;
import org.sharercloud.api.workloads.AutoscaleStatus;
import org.sharercloud.api.workloads.LogChunk;
import org.sharercloud.api.workloads.LogPage;
import org.sharercloud.api.workloads.OutputArchive;
import org.sharercloud.api.workloads.Workload;
import org.sharercloud.api.workloads.WorkloadQuery;
import org.sharercloud.api.workloads.WorkloadSpec;
import org.sharercloud.api.workloads.WorkloadState;
import org.sharercloud.portal.internal.Services;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/workloads}: submit, list, show (with "why pending"), logs, outputs, cancel. Owner or admin. */
@Path("workloads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "workloads")
public class WorkloadResource {
    /** Header carrying the SHA-256 of an outputs archive. */
    public static final String SHA256_HEADER = "X-Sharer-Outputs-SHA256";

    /** A workload as shown by {@code GET /workloads/{id}}: the workload plus the scheduler's explanation. */
    public record WorkloadView(String id, String owner, WorkloadSpec spec, WorkloadState state, String reason,
            Instant submittedAt, Instant updatedAt, List<Attempt> attempts, AutoscaleStatus autoscale,
            List<PendingExplanation> pending) {
        static WorkloadView of(Workload w, List<PendingExplanation> pending) {
            return new WorkloadView(w.id(), w.owner(), w.spec(), w.state(), w.reason(), w.submittedAt(), w.updatedAt(),
                    w.attempts(), w.autoscale(), pending);
        }
    }

    static final String LOGS_HANDLER = "WorkloadResource.logs";
    private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8");
    /** How long one wait for new lines lasts before the follower reads again (it then simply waits again). */
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(20);

    private final Services services;

    public WorkloadResource(Services services) {
        this.services = services;
    }

    @Operation(operationId = "submitWorkload", summary = "Submit a workload (requestor or admin)",
            responses = @ApiResponse(responseCode = "201", description = "the accepted workload, PENDING", content = @Content(schema = @Schema(implementation = Workload.class))))
    @POST
    public Response submit(WorkloadRequest body, @Context SecurityContext sc) {
        Principal p = Caller.person(sc);
        if (body == null) {
            throw ApiException.badRequest("image", "send a JSON workload spec with at least image and command");
        }
        RateLimits.get().submit(p.subject());
        Workload w = services.workloads().submit(p, body.toSpec());
        return Response.status(201).entity(w).build();
    }

    /**
     * The caller's workloads (an admin's: everyone's, or {@code owner}'s), newest first, filtered by
     * {@code state} and {@code search} (name or id); paginated with {@code limit} and {@code cursor}
     * (see {@link Paging}).
     */
    @Operation(operationId = "listWorkloads", summary = "The caller's workloads (an admin sees all), newest first, filtered and paginated",
            description = Paging.DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = Paging.ANSWER,
                    headers = @Header(name = Paging.NEXT_HEADER, description = Paging.NEXT_HEADER_DESCRIPTION, schema = @Schema(type = "string")),
                    content = @Content(schema = @Schema(anyOf = {Workload[].class, PageSchemas.WorkloadPage.class}))))
    @GET
    public Response list(
            @Parameter(description = "only workloads in this state", schema = @Schema(implementation = WorkloadState.class)) @QueryParam("state") String state,
            @Parameter(description = "case-insensitive part of the name or id") @QueryParam("search") String search,
            @Parameter(description = "only this owner's workloads (admins; a requestor always sees their own)") @QueryParam("owner") String owner,
            @Parameter(description = Paging.LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "1000")) @QueryParam("limit") String limit,
            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context SecurityContext sc) {
        return Paging.respond(page(services, Caller.person(sc), state, search, owner, limit, cursor), Paging.envelope(limit, cursor));
    }

    /** What {@code GET /workloads} lists for {@code caller} (the shell's {@code workload-list} shows the same page). */
    public static Page<Workload> page(Services services, Principal caller, String state, String search, String owner, String limit,
            String cursor) {
        WorkloadQuery q = new WorkloadQuery(state(state), search, owner, cursor, Paging.limit(limit, Paging.envelope(limit, cursor)));
        return services.workloads().page(caller, q);
    }

    private static WorkloadState state(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return WorkloadState.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state", "state must be one of " + java.util.Arrays.toString(WorkloadState.values()));
        }
    }

    @Operation(operationId = "getWorkload", summary = "A workload with its attempts and, while it waits, why it is pending")
    @GET
    @Path("{id}")
    public WorkloadView get(@PathParam("id") String id, @Context SecurityContext sc) {
        Workload w = services.workloads().get(Caller.person(sc), id);
        List<PendingExplanation> pending = null;
        if (w.state() == WorkloadState.PENDING || w.state() == WorkloadState.SCHEDULED || w.state() == WorkloadState.RUNNING) {
            pending = services.schedulerIfRunning().map(s -> explain(s, id)).orElse(null);
        }
        return WorkloadView.of(w, pending);
    }

    private static List<PendingExplanation> explain(org.sharercloud.api.scheduler.SchedulerService s, String id) {
        try {
            return s.explain(id);
        } catch (ApiException e) {
            return null; // members module down: no explanation, the workload itself is still shown
        }
    }

    /** The body of {@code POST /workloads/{id}/scale}. */
    public record ScaleRequest(Integer replicas) {
    }

    /** Sets a service's replica count (clamped into its autoscaling bounds, if it has a policy). */
    @Operation(operationId = "scaleWorkload", summary = "Set a service's replica count (within its autoscaling bounds)")
    @POST
    @Path("{id}/scale")
    public Workload scale(@PathParam("id") String id, ScaleRequest body, @Context SecurityContext sc) {
        Principal p = Caller.person(sc);
        if (body == null || body.replicas() == null) {
            throw ApiException.badRequest("replicas", "send {\"replicas\": N} with N between 1 and 100");
        }
        return services.workloads().scale(p, id, body.replicas());
    }

    @Operation(operationId = "cancelWorkload", summary = "Cancel a workload; its running attempts are stopped")
    @DELETE
    @Path("{id}")
    public Workload cancel(@PathParam("id") String id, @Context SecurityContext sc) {
        return services.workloads().cancel(Caller.person(sc), id);
    }

    @Operation(operationId = "getWorkloadLogs", summary = "A workload's output (stdout and stderr); follow=true streams until it ends",
            description = "With follow=true the answer is streamed (chunked) as lines arrive until the workload is final; such a stream "
                    + "holds no server thread while it waits. At most " + LongRequests.PER_PRINCIPAL + " follows and execs per caller "
                    + "at once (long.requests.per.caller) and " + LongRequests.TOTAL + " in all (long.requests.max): 429 with "
                    + "Retry-After above either.",
            responses = @ApiResponse(responseCode = "200", description = "the output so far, as UTF-8 text",
                    content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string"))))
    @GET
    @Path("{id}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    public void logs(@PathParam("id") String id, @QueryParam("follow") @DefaultValue("false") boolean follow,
            @Context SecurityContext sc, @Context HttpServletRequest http, @Suspended AsyncResponse async) {
        long start = System.nanoTime();
        Principal p = Caller.person(sc);
        LogPage first = services.workloads().logs(p, id, 0, Duration.ZERO); // 404 before anything is streamed
        if (!follow || first.finished()) {
            async.resume(Response.ok((StreamingOutput) os -> stream(p, id, first, os), TEXT).build());
            return;
        }
        LongRequests.Permit permit = services.longRequests().acquire(p.subject(), "follow");
        AsyncText text;
        try {
            text = new AsyncText(http.getAsyncContext(), TEXT.toString());
        } catch (IOException | RuntimeException e) {
            permit.close();
            throw new IllegalStateException("cannot stream the logs asynchronously", e);
        }
        text.closed().whenComplete((v, e) -> permit.close());
        RequestMetrics.INSTANCE.observe(LOGS_HANDLER, 200, System.nanoTime() - start);
        follow(p, id, first, text);
    }

    /** Writes a page, then parks (no thread held) until the next one; ends with the workload or when the reader leaves. */
    private void follow(Principal p, String id, LogPage page, AsyncText text) {
        CompletableFuture<Void> written = page.chunks().isEmpty() ? CompletableFuture.completedFuture(null) : text.write(bytes(page));
        if (page.finished()) {
            written.whenComplete((v, e) -> text.end());
            return;
        }
        written.thenCompose(v -> services.workloads().awaitLogs(p, id, page.next(), FOLLOW_WAIT)).whenComplete((next, e) -> {
            if (e != null) {
                text.end(); // the reader left, or the module stopped or the workload went away: the stream ends
            } else if (!text.closed().isDone()) {
                follow(p, id, next, text);
            }
        });
    }

    private static byte[] bytes(LogPage page) {
        StringBuilder sb = new StringBuilder();
        for (LogChunk c : page.chunks()) {
            sb.append(c.text());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void stream(Principal p, String id, LogPage first, OutputStream os) throws IOException {
        LogPage page = first;
        while (true) {
            os.write(bytes(page));
            os.flush();
            if (page.finished() || page.chunks().isEmpty()) {
                return;
            }
            page = services.workloads().logs(p, id, page.next(), Duration.ZERO);
        }
    }

    @Operation(operationId = "getWorkloadOutputs", summary = "The files an attempt wrote under /output, as a tar archive",
            responses = @ApiResponse(responseCode = "200", description = "the archive",
                    headers = {@Header(name = SHA256_HEADER, description = "SHA-256 of the archive, as the agent computed it", schema = @Schema(type = "string")),
                            @Header(name = "X-Sharer-Attempt", description = "the attempt whose outputs these are", schema = @Schema(type = "string"))},
                    content = @Content(mediaType = "application/x-tar", schema = @Schema(type = "string", format = "binary"))))
    @GET
    @Path("{id}/outputs")
    @Produces({"application/x-tar", MediaType.APPLICATION_JSON})
    public Response outputs(@PathParam("id") String id, @QueryParam("attempt") String attempt, @Context SecurityContext sc) {
        OutputArchive a = services.workloads().outputs(Caller.person(sc), id, attempt);
        return Response.ok(a.data(), "application/x-tar").header(SHA256_HEADER, a.sha256())
                .header("X-Sharer-Attempt", a.attemptId())
                .header("Content-Disposition", "attachment; filename=\"" + id + "-outputs.tar\"").build();
    }
}
