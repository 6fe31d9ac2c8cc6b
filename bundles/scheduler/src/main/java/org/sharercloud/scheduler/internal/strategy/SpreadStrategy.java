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

/** Least allocated: the member with the largest free share of CPU and memory after placement. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + SpreadStrategy.NAME)
public class SpreadStrategy implements PlacementStrategy, PoolScoring {
    public static final String NAME = "spread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
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
            double s = Allocation.freeAfter(pool, i, cpu, mem);
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        placer.record(count, bestScore);
        return best;
    }
}
