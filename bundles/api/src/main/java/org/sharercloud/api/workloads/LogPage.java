package org.sharercloud.api.workloads;

import java.util.List;

/**
 * A page of a workload's log.
 *
 * @param chunks   chunks after the requested position, oldest first
 * @param next     the position to ask for next
 * @param finished the workload is final: no chunk will follow the last one here
 */
public record LogPage(List<LogChunk> chunks, long next, boolean finished) {
}
