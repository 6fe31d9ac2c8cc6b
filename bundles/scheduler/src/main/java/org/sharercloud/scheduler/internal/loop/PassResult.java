package org.sharercloud.scheduler.internal.loop;

/** What one scheduling pass did. */
public record PassResult(int pending, int placed, int preempted, int unplaced) {
    public static final PassResult IDLE = new PassResult(0, 0, 0, 0);
}
