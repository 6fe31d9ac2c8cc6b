package org.sharercloud.portal.internal.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.portal.internal.Services;
import org.sharercloud.portal.internal.live.EventHub;
import org.sharercloud.portal.internal.live.LiveEvent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/events}: the live stream as server-sent events ({@code text/event-stream}), read
 * by the page with {@code fetch} so that it can send the bearer token like every other call
 * (EventSource cannot set headers, and a token in the URL would end up in logs). Each message is
 * {@code event: batch} with a JSON array of {@link LiveEvent}s, {@code event: overflow} when events
 * were lost (reload), or a {@code : ping} comment every 15 s. An admin sees every event, a member
 * (agent credential) its own, a requestor the state changes of their own workloads. A stream ends
 * after 10 minutes; clients reconnect.
 */
@Path("events")
@Tag(name = "events")
public class EventStreamResource {
    /** The stream's format, for the OpenAPI document. */
    static final String FORMAT = "Server-sent events. `event: hello` first (data: {\"role\": ...}); then `event: batch` messages whose data "
            + "is a JSON array of {\"kind\": \"member\"|\"workload\"|\"allocation\"|\"scheduler\", \"type\", \"id\", \"at\" (epoch ms), "
            + "\"data\": {...}}; `event: overflow` when the reader fell behind and events were dropped (reload what is shown); a `: ping` "
            + "comment every 15 s. Admins get every event, a member credential its own member's, a requestor the state changes of their own "
            + "workloads. The stream ends after 10 minutes (reconnect); at most 200 are open at once (then 429).";
    static final long PING_MILLIS = 15_000;
    static final long LIFETIME_MILLIS = 10 * 60_000;
    static final long COALESCE_MILLIS = 100;

    private final Services services;
    private final EventHub hub;

    public EventStreamResource(Services services, EventHub hub) {
        this.services = services;
        this.hub = hub;
    }

    @Operation(operationId = "streamEvents", summary = "Live events as server-sent events (any token)", description = FORMAT,
            responses = @ApiResponse(responseCode = "200", description = "the event stream, until it ends after 10 minutes",
                    content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string"))))
    @GET
    @Produces("text/event-stream")
    public Response stream(@Context SecurityContext sc) {
        Principal p = Caller.of(sc);
        EventHub.Subscription sub = hub.subscribe();
        StreamingOutput out = os -> {
            try (sub) {
                pump(p, sub, os);
            } catch (IOException e) {
                // the page went away: nothing to report
            }
        };
        return Response.ok(out, "text/event-stream; charset=utf-8").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    private void pump(Principal p, EventHub.Subscription sub, OutputStream os) throws IOException {
        Map<String, Boolean> mine = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                return size() > 10_000;
            }
        };
        write(os, "retry: 2000\nevent: hello\ndata: {\"role\":\"" + p.role() + "\"}\n\n");
        long end = System.currentTimeMillis() + LIFETIME_MILLIS;
        List<LiveEvent> batch = new ArrayList<>();
        while (System.currentTimeMillis() < end) {
            LiveEvent first;
            try {
                first = sub.queue().poll(PING_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    Thread.sleep(COALESCE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (sub.overflowed()) {
                sub.queue().clear();
                write(os, "event: overflow\ndata: {}\n\n");
                continue;
            }
            if (first == null) {
                write(os, ": ping\n\n");
                continue;
            }
            batch.clear();
            batch.add(first);
            sub.queue().drainTo(batch, 5_000);
            batch.removeIf(e -> !visible(p, e, mine));
            if (!batch.isEmpty()) {
                write(os, "event: batch\ndata: " + Json.MAPPER.writeValueAsString(batch) + "\n\n");
            }
        }
    }

    private boolean visible(Principal p, LiveEvent e, Map<String, Boolean> mine) {
        if (p.role() == Role.ADMIN) {
            return true;
        }
        if (p.role() == Role.MEMBER) {
            return ("member".equals(e.kind()) || "allocation".equals(e.kind())) && p.subject().equals(e.id());
        }
        if (!"workload".equals(e.kind()) || e.id() == null) {
            return false;
        }
        return mine.computeIfAbsent(e.id(), id -> {
            try {
                services.workloads().get(p, id);
                return true;
            } catch (ApiException x) {
                return false;
            }
        });
    }

    private static void write(OutputStream os, String s) throws IOException {
        os.write(s.getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
