package org.sharercloud.scheduler.internal.strategy;

import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;

/**
 * Prefers members likely to stay online and lightly used by their owner over the demand's expected
 * run time. The score is the log of (survival x speed): {@code runHours * ln(mean availability) +
 * ln(1 - mean owner load)}, so availability weighs more the longer the run; a small share of the free
 * capacity breaks ties like {@code spread}. Forecasts come from a {@link ForecastCache} refreshed in the
 * background; a member without one counts as {@link #UNKNOWN_AVAILABILITY} available with its current load.
 * Plain class: the DS component and the simulator both wrap it.
 */
public final class ForecastStrategy implements PlacementStrategy {
    public static final String NAME = "forecast";
    /** Assumed availability of a member with no forecast yet: it is preferred to nothing, but not to a good one. */
    static final double UNKNOWN_AVAILABILITY = 0.5;
    private static final double LN_UNKNOWN = Math.log(UNKNOWN_AVAILABILITY);
    /** Runs shorter than this still weigh availability as if they lasted this long. */
    private static final double MIN_RUN_HOURS = 1.0;
    /** Weight of the free share left after placement (a best-fit tie-break among equally reliable members). */
    private static final double TIE_BREAK = 0.1;
    private final ForecastCache cache;

    public ForecastStrategy(ForecastCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return NAME;
    }

    public ForecastCache cache() {
        return cache;
    }

    @Override
    public double score(Demand demand, Candidate c) {
        double runHours = Math.max(MIN_RUN_HOURS, demand.expectedRunSeconds() / 3600.0);
        int hours = (int) Math.ceil(runHours);
        MemberOutlook o = cache.get(c.memberId());
        double lnAvail;
        double lnSpeed;
        if (!Double.isNaN(c.predictedAvailability())) {
            lnAvail = Math.log(Math.max(1e-3, c.predictedAvailability()));
        } else {
            lnAvail = o != null ? o.lnMeanAvailability(hours) : LN_UNKNOWN;
        }
        if (!Double.isNaN(c.predictedOwnerLoad())) {
            lnSpeed = Math.log(1 - Math.min(0.99, Math.max(0, c.predictedOwnerLoad())));
        } else {
            lnSpeed = o != null ? o.lnMeanSpeed(hours) : Math.log(1 - Math.min(0.99, Math.max(0, c.ownerLoad())));
        }
        return runHours * lnAvail + lnSpeed
                - TIE_BREAK * Allocation.freeAfter(c.capacity(), demand.cpuMillis(), demand.memoryMb());
    }
}
