package org.sharercloud.scheduler.internal.loop;

import java.time.Instant;

/**
 * What one scheduling pass did.
 *
 * @param wakeAt when a pass should run again although nothing else happens (a replica's exclusion
 *               back-off ends then), or null
 */
public record PassResult(int pending, int placed, int preempted, int unplaced, Instant wakeAt) {
    public static final PassResult IDLE = new PassResult(0, 0, 0, 0, null);

    public PassResult(int pending, int placed, int preempted, int unplaced) {
        this(pending, placed, preempted, unplaced, null);
    }
}
