package org.sharercloud.scheduler.internal.strategy;

import org.osgi.service.component.annotations.Component;
import org.sharercloud.api.scheduler.Candidate;
import org.sharercloud.api.scheduler.Demand;
import org.sharercloud.api.scheduler.PlacementStrategy;
import org.sharercloud.scheduler.internal.loop.CandidatePool;
import org.sharercloud.scheduler.internal.loop.Placer;
import org.sharercloud.scheduler.internal.loop.PoolLocal;
import org.sharercloud.scheduler.internal.loop.PoolScoring;

/** Least allocated: the member with the largest free share of CPU and memory after placement. */
@Component(service = PlacementStrategy.class, property = PlacementStrategy.NAME + "=" + SpreadStrategy.NAME)
public class SpreadStrategy implements PlacementStrategy, PoolScoring {
    /** The per-pool block summaries. */
    private static final PoolLocal<Search> SEARCH = new PoolLocal<>(Search::new);
    public static final String NAME = "spread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(Demand demand, Candidate candidate) {
        return Allocation.freeAfter(candidate.capacity(), demand.cpuMillis(), demand.memoryMb());
    }

    /** {@link #score} over the pool's arrays, skipping blocks whose freest member cannot beat the best so far. */
    @Override
    public int best(Demand d, CandidatePool pool, Placer placer) {
        return SEARCH.get(pool).run(d, placer);
    }

    /** Bound: the block's highest free share now, less the smallest share the demand can take of a member. */
    static final class Search extends AllocationSearch {
        private final double[] maxShare;

        Search(CandidatePool pool) {
            super(pool);
            maxShare = new double[pool.blocks()];
        }

        /** The shape-by-shape bound, when the block has few shapes. */
        @Override
        double refine(int b, double bound) {
            double grouped = groupedBound(b, true, false);
            return Double.isNaN(grouped) ? bound : Math.min(bound, grouped);
        }

        @Override
        void summarize(int b) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = first(b), end = end(b); i < end; i++) {
                max = Math.max(max, Allocation.freeAfter(pool, i, 0, 0));
            }
            maxShare[b] = max;
        }

        @Override
        double bound(int b) {
            if (!boundable()) {
                return Double.NaN;
            }
            refresh(b);
            double ub = maxShare[b] - minDemandShare(b);
            return ub + margin(b, ub);
        }

        @Override
        void scan(int from, int to) {
            for (int i = nextFit(from, to); i >= 0; i = nextFit(i + 1, to)) {
                offer(i, Allocation.freeAfter(pool, i, cpu, mem));
            }
        }
    }
}
