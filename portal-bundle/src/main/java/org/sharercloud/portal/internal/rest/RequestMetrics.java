package org.sharercloud.portal.internal.rest;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.ext.Provider;

/**
 * Request latency histograms per handler ({@code Resource.method}, or {@code unmatched}) and status
 * class, for {@code /metrics}. One instance per portal bundle ({@link #INSTANCE}), registered as a
 * provider of the {@code /api/v1} server (pre-matching, so requests that match no resource count as
 * {@code unmatched}; requests refused by authentication count only if it runs after this filter).
 * Cardinality is bounded by the number of resource methods. {@link HeartbeatServlet}, which answers
 * heartbeats outside CXF, records into the same {@link #INSTANCE} under the same labels.
 */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    public static final RequestMetrics INSTANCE = new RequestMetrics();
    private static final String START = RequestMetrics.class.getName() + ".start";
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double s = nanos / 1e9;
            int i = 0;
            while (i < BUCKETS.length && s > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sumNanos.add(nanos);
        }
    }

    @Override
    public void filter(ContainerRequestContext req) {
        req.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        if (req.getProperty(START) instanceof Long start) {
            observe(handler(), res.getStatus(), System.nanoTime() - start);
        }
    }

    void observe(String handler, int status, long nanos) {
        histograms.computeIfAbsent(handler + "\u0000" + (status / 100) + "xx", k -> new Histogram()).observe(nanos);
    }

    private String handler() {
        try {
            Method m = resource == null ? null : resource.getResourceMethod();
            return m == null ? "unmatched" : m.getDeclaringClass().getSimpleName() + "." + m.getName();
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** The histograms in Prometheus text format. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP sharer_http_request_duration_seconds Time to handle an API request (until the response is ready to write).\n");
        sb.append("# TYPE sharer_http_request_duration_seconds histogram\n");
        histograms.forEach((key, h) -> {
            String[] parts = key.split("\u0000");
            String labels = "handler=\"" + parts[0] + "\",status=\"" + parts[1] + "\"";
            long cumulative = 0;
            for (int i = 0; i < h.counts.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? String.format(Locale.ROOT, "%s", BUCKETS[i]) : "+Inf";
                sb.append("sharer_http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                        .append(cumulative).append('\n');
            }
            sb.append("sharer_http_request_duration_seconds_sum{").append(labels).append("} ")
                    .append(String.format(Locale.ROOT, "%.6f", h.sumNanos.sum() / 1e9)).append('\n');
            sb.append("sharer_http_request_duration_seconds_count{").append(labels).append("} ").append(cumulative).append('\n');
        });
        return sb.toString();
    }
}
