package org.sharercloud.scheduler.internal.strategy;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/**
 * The first feasible member in the members module's order: every member scores
 * {@link Double#POSITIVE_INFINITY}, which tells the loop to take it and stop scanning.
 */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + FirstFitStrategy.NAME)
public class FirstFitStrategy implements PlacementStrategy, PoolScoring {
    public static final String NAME = "first-fit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return Double.POSITIVE_INFINITY;
    }

    /** The first member that fits, found without building its Candidate. */
    @Override
    public int best(Demand d, CandidatePool pool, Placer placer) {
        int i = pool.nextFit(0, pool.size(), d.cpuMillis(), d.memoryMb(), pool.labelCheck(d), CandidatePool.exclusions(d));
        placer.record(i >= 0 ? 1 : 0, i >= 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        return i;
    }
}
