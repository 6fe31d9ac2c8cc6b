package org.sharercloud.portal.internal.rest;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.sharercloud.portal.internal.live.ClusterSeries;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/cluster/series}: the operator's cluster time series (admin), from {@link ClusterSeries}. */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public class ClusterResource {
    /** The series: one sample every {@code stepSeconds}, oldest first. */
    @Schema(name = "ClusterSeries", description = "one sample every stepSeconds, oldest first")
    public record Series(int stepSeconds, List<ClusterSeries.Sample> samples) {
    }

    private final ClusterSeries series;

    public ClusterResource(ClusterSeries series) {
        this.series = series;
    }

    /** Samples at or after {@code since} (ISO-8601 or Unix seconds; default: the whole last hour). */
    @Operation(operationId = "getClusterSeries", summary = "The cluster every 5 s over the last hour: members, CPU and memory offered, "
            + "allocated and used, queue length, placements/s (admin)")
    @GET
    @Path("series")
    public Series series(@Parameter(description = "only samples at or after this instant: ISO-8601 or Unix seconds (default: the whole last hour)")
            @QueryParam("since") String since, @Context SecurityContext sc) {
        Caller.admin(sc);
        return series(series, since == null || since.isBlank() ? null : MemberResource.instant("since", since));
    }

    /** The samples at or after {@code from} (all when null): what the API and the shell's {@code cluster-series} show. */
    public static Series series(ClusterSeries series, Instant from) {
        return new Series(ClusterSeries.STEP_SECONDS, series.since(from));
    }
}
