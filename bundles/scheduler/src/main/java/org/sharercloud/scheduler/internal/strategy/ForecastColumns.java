package org.sharercloud.scheduler.internal.strategy;

import java.util.Map;

import org.sharercloud.scheduler.internal.loop.CandidatePool;

/**
 * The forecast terms of every member of one pool, by pool index, for {@link ForecastStrategy}'s fast
 * path: each member's outlook is looked up once per pool (not once per member per demand), and for each
 * run length in hours the two logarithms the score needs are laid out side by side in one array
 * ({@code [2i]} ln availability, {@code [2i+1]} ln speed), built on first use. Tied to one snapshot of
 * the {@link ForecastCache}; the strategy rebuilds it when the cache was refreshed. One pool, one thread.
 */
final class ForecastColumns {
    private final Map<String, MemberOutlook> source;
    private final MemberOutlook[] outlooks;
    private final double[] ownerLoad;
    /** Run lengths from this many hours on read the same (last) forecast hour of every member. */
    private final int maxHours;
    private final double[][] byHours;

    ForecastColumns(Map<String, MemberOutlook> source, CandidatePool pool) {
        this.source = source;
        int n = pool.size();
        this.outlooks = new MemberOutlook[n];
        this.ownerLoad = new double[n];
        int longest = 1;
        for (int i = 0; i < n; i++) {
            outlooks[i] = source.get(pool.id(i));
            ownerLoad[i] = pool.ownerLoad(i);
            if (outlooks[i] != null) {
                longest = Math.max(longest, outlooks[i].hours());
            }
        }
        this.maxHours = longest;
        this.byHours = new double[longest + 1][];
    }

    boolean isFor(Map<String, MemberOutlook> snapshot) {
        return source == snapshot;
    }

    /** {@code [2i]} = ln availability, {@code [2i+1]} = ln speed of member {@code i} over {@code hours}. */
    double[] terms(int hours) {
        int h = Math.max(1, Math.min(hours, maxHours)); // MemberOutlook reads hour min(hours, length) - 1, at least 0
        double[] t = byHours[h];
        if (t == null) {
            t = new double[2 * outlooks.length];
            for (int i = 0; i < outlooks.length; i++) {
                t[2 * i] = ForecastStrategy.lnAvailability(outlooks[i], h);
                t[2 * i + 1] = ForecastStrategy.lnSpeed(outlooks[i], h, ownerLoad[i]);
            }
            byHours[h] = t;
        }
        return t;
    }
}
