package org.sharercloud.scheduler.internal.strategy;

import java.util.Map;

import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolLocal;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/**
 * Prefers members likely to stay online and lightly used by their owner over the demand's expected
 * run time. The score is the log of (survival x speed): {@code runHours * ln(mean availability) +
 * ln(1 - mean owner load)}, so availability weighs more the longer the run, plus the log of the share of
 * its CPU the placed work is expected to get ({@code min(1, cores x (1 - mean owner load) / placed)}, see
 * {@link #lnShare}: 0 while the member keeps headroom); a small share of the free
 * capacity breaks ties like {@code spread}. Forecasts come from a {@link ForecastCache} refreshed in the
 * background; a member without one counts as {@link #UNKNOWN_AVAILABILITY} available with its current load.
 * Plain class: the DS component and the simulator both wrap it.
 */
public final class ForecastStrategy implements PlacementStrategy, PoolScoring {
    public static final String NAME = "forecast";
    /** The per-pool columns, for one snapshot of a cache (rebuilt when the cache was refreshed or is another's). */
    private static final PoolLocal<ForecastColumns> COLUMNS = new PoolLocal<>(pool -> null);
    /** Assumed availability of a member with no forecast yet: it is preferred to nothing, but not to a good one. */
    static final double UNKNOWN_AVAILABILITY = 0.5;
    private static final double LN_UNKNOWN = Math.log(UNKNOWN_AVAILABILITY);
    /** Runs shorter than this still weigh availability as if they lasted this long. */
    static final double MIN_RUN_HOURS = 1.0;
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
        double runHours = runHours(demand);
        int hours = (int) Math.ceil(runHours);
        MemberOutlook o = cache.get(c.memberId());
        double lnAvail;
        double lnSpeed;
        if (!Double.isNaN(c.predictedAvailability())) {
            lnAvail = Math.log(Math.max(1e-3, c.predictedAvailability()));
        } else {
            lnAvail = lnAvailability(o, hours);
        }
        if (!Double.isNaN(c.predictedOwnerLoad())) {
            lnSpeed = Math.log(1 - Math.min(0.99, Math.max(0, c.predictedOwnerLoad())));
        } else {
            lnSpeed = lnSpeed(o, hours, c.ownerLoad());
        }
        double lnOffered = lnOffered(c.capacity().cpuMillisTotal(), lnSpeed);
        double lnShare = share(lnOffered, Math.exp(lnOffered),
                after(c.capacity().cpuMillisTotal(), c.capacity().cpuMillisFree(), c.ownerLoad(), demand.cpuMillis()));
        return combine(runHours, lnAvail, lnSpeed, lnShare,
                Allocation.freeAfter(c.capacity(), demand.cpuMillis(), demand.memoryMb()));
    }

    /** ln of the CPU the owner is expected to leave over the run: total x expected speed share (at least 1 m). */
    static double lnOffered(long cpuTotal, double lnSpeed) {
        return Math.log(Math.max(1, cpuTotal)) + lnSpeed;
    }

    /**
     * ln of the CPU placed on the member once this demand is on it (at least the demand, at least 1 m):
     * what the owner leaves now ({@code total x (1 - load)}) less what is free, plus the demand.
     */
    static double lnAfter(long cpuTotal, long cpuFree, double ownerLoad, int cpu) {
        return Math.log(after(cpuTotal, cpuFree, ownerLoad, cpu));
    }

    /** The CPU placed on the member once this demand is on it, linear: {@code exp(lnAfter)}. */
    static double after(long cpuTotal, long cpuFree, double ownerLoad, int cpu) {
        double placed = Math.max(0, cpuTotal * (1 - Math.min(1, Math.max(0, ownerLoad))) - cpuFree);
        return Math.max(Math.max(1, cpu), cpu + placed);
    }

    /**
     * {@link #lnShare} of {@code lnOffered} and {@code ln after}, without the logarithm while the owner is
     * expected to leave room for everything placed ({@code after <= offered}, {@code offered =
     * exp(lnOffered)}): then the share is 1 and its logarithm 0. Both scoring paths use it.
     */
    static double share(double lnOffered, double offered, double after) {
        return after <= offered ? 0 : lnShare(lnOffered, Math.log(after));
    }

    /**
     * ln of the share of its allocation the work is expected to get: placed work slows down only when
     * the owner is expected to leave less than what is placed, {@code min(1, offered / placed)}.
     */
    static double lnShare(double lnOffered, double lnAfter) {
        return Math.min(0, lnOffered - lnAfter);
    }

    static double runHours(Demand demand) {
        return Math.max(MIN_RUN_HOURS, demand.expectedRunSeconds() / 3600.0);
    }

    /** ln of the expected availability over {@code hours}, from the outlook or the unknown-member default. */
    static double lnAvailability(MemberOutlook o, int hours) {
        return o != null ? o.lnMeanAvailability(hours) : LN_UNKNOWN;
    }

    /** ln of the expected speed share over {@code hours}, from the outlook or else the current owner load. */
    static double lnSpeed(MemberOutlook o, int hours, double ownerLoad) {
        return o != null ? o.lnMeanSpeed(hours) : Math.log(1 - Math.min(0.99, Math.max(0, ownerLoad)));
    }

    /** The score from its terms; the one formula both {@link #score} and {@link #best} use. */
    static double combine(double runHours, double lnAvail, double lnSpeed, double lnShare, double freeAfter) {
        return runHours * lnAvail + lnSpeed + lnShare - TIE_BREAK * freeAfter;
    }

    /**
     * {@link #score} for the feasible pool members, with each member's forecast terms read from a
     * per-pool {@link ForecastColumns} (rebuilt when the cache was refreshed) instead of a hash lookup
     * and a Candidate per member, skipping blocks that cannot beat the best so far. Pool candidates
     * carry no predictions, so the outlook (or the unknown default and current load) is what
     * {@link #score} would use too.
     */
    @Override
    public int best(Demand d, CandidatePool pool, Placer placer) {
        Map<String, MemberOutlook> snapshot = cache.snapshot();
        ForecastColumns columns = COLUMNS.get(pool);
        if (columns == null || !columns.isFor(snapshot)) {
            columns = new ForecastColumns(snapshot, pool);
            COLUMNS.set(pool, columns);
        }
        return columns.run(d, placer);
    }
}
