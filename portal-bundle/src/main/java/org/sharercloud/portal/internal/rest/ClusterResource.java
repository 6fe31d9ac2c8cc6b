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

/** {@code GET /api/v1/cluster/series}: the operator's cluster time series (admin), from {@link ClusterSeries}. */
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    /** The series: one sample every {@code stepSeconds}, oldest first. */
    public record Series(int stepSeconds, List<ClusterSeries.Sample> samples) {
    }

    private final ClusterSeries series;

    public ClusterResource(ClusterSeries series) {
        this.series = series;
    }

    /** Samples at or after {@code since} (ISO-8601 or Unix seconds; default: the whole last hour). */
    @GET
    @Path("series")
    public Series series(@QueryParam("since") String since, @Context SecurityContext sc) {
        Caller.admin(sc);
        Instant from = since == null || since.isBlank() ? null : MemberResource.instant("since", since);
        return new Series(ClusterSeries.STEP_SECONDS, series.since(from));
    }
}
