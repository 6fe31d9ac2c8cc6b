package org.sharercloud.api.workloads;

import java.time.Instant;

/**
 * A piece of an attempt's output as the agent sent it.
 *
 * @param seq       position in the workload's log, increasing
 * @param attemptId the attempt that wrote it
 * @param replica   its replica
 * @param stream    {@code stdout} or {@code stderr}
 * @param text      the text (a chunk, not necessarily whole lines)
 * @param at        when the coordinator received it
 */
public record LogChunk(long seq, String attemptId, int replica, String stream, String text, Instant at) {
}
