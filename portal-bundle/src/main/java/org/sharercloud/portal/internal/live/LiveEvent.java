package org.sharercloud.portal.internal.live;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event of the live stream ({@code GET /api/v1/events}), as the page receives it.
 *
 * @param kind   {@code member}, {@code workload}, {@code allocation} or {@code scheduler}
 * @param type   what happened: a member's {@code STATE_CHANGED}, {@code HEARTBEAT}, {@code JOINED},
 *               {@code CORDONED}, {@code REMOVED}; a workload's {@code STATE_CHANGED}; {@code PASS_DONE}
 * @param id     the member or workload id (null for scheduler passes)
 * @param at     epoch milliseconds
 * @param data   the event's other properties (state, from/to, metrics, cpuMillis, placed, …)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEvent(String kind, String type, String id, long at, Map<String, Object> data) {
}
