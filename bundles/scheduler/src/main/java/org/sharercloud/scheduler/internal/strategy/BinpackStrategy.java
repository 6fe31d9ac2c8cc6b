package org.sharercloud.scheduler.internal.strategy;

import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/** Most allocated: the member left with the smallest free share, keeping other members whole. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + BinpackStrategy.NAME)
public class BinpackStrategy implements PlacementStrategy, PoolScoring {
    public static final String NAME = "binpack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return -Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
    }

    /** {@link #score} over the pool's arrays: the same arithmetic, no Candidate per member. */
    @Override
    public int best(Demand d, CandidatePool pool, Placer placer) {
        int cpu = d.cpuMillis();
        int mem = d.memoryMb();
        Map<String, String> labels = pool.labelCheck(d);
        Set<String> excluded = CandidatePool.exclusions(d);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        int count = 0;
        for (int i = pool.nextFit(0, cpu, mem, labels, excluded); i >= 0; i = pool.nextFit(i + 1, cpu, mem, labels, excluded)) {
            count++;
            double s = -Allocation.freeAfter(pool, i, cpu, mem);
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        placer.record(count, bestScore);
        return best;
    }
}
