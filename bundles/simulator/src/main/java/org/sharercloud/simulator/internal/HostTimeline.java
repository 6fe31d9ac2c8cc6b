package org.sharercloud.simulator.internal;

import java.util.Arrays;

/**
 * When one host was up, as sorted, non-overlapping up-intervals in seconds from the start of its
 * trace. Outside the recorded span the host counts as down (it left).
 */
public final class HostTimeline {
    private final String id;
    private final long[] upStart;
    private final long[] upEnd;
    private final long length;

    /** Intervals must be sorted and non-overlapping; adjacent ones are merged. */
    public HostTimeline(String id, long[] upStart, long[] upEnd, long length) {
        this.id = id;
        int n = 0;
        long[] s = new long[upStart.length];
        long[] e = new long[upStart.length];
        for (int i = 0; i < upStart.length; i++) {
            if (upEnd[i] <= upStart[i]) {
                continue;
            }
            if (n > 0 && upStart[i] <= e[n - 1]) {
                e[n - 1] = Math.max(e[n - 1], upEnd[i]);
            } else {
                s[n] = upStart[i];
                e[n] = upEnd[i];
                n++;
            }
        }
        this.upStart = Arrays.copyOf(s, n);
        this.upEnd = Arrays.copyOf(e, n);
        this.length = length;
    }

    public String id() {
        return id;
    }

    /** Seconds covered by the trace. */
    public long length() {
        return length;
    }

    /** Index of the last interval starting at or before t, or -1. */
    private int at(long t) {
        int i = Arrays.binarySearch(upStart, t);
        return i >= 0 ? i : -i - 2;
    }

    public boolean up(long t) {
        int i = at(t);
        return i >= 0 && t < upEnd[i];
    }

    /** Whether the host stayed up during all of [from, to]. */
    public boolean upThroughout(long from, long to) {
        int i = at(from);
        return i >= 0 && upEnd[i] >= to && from < upEnd[i];
    }

    /** Seconds up within [from, to). */
    public long upSeconds(long from, long to) {
        long sum = 0;
        for (int i = Math.max(0, at(from)); i < upStart.length && upStart[i] < to; i++) {
            sum += Math.max(0, Math.min(to, upEnd[i]) - Math.max(from, upStart[i]));
        }
        return sum;
    }

    /** Fraction of [0, length) up. */
    public double upFraction() {
        return length <= 0 ? 0 : (double) upSeconds(0, length) / length;
    }
}
